/**
 * {@link TokenBackend} straight on storage, through @pat/core's `Pat` (for `pat`, a
 * `DynamoDBPat` on the table): the records, rules and errors are the library's own.
 */
import type { Pat, PublicTokenRecord } from "@pat/core";
import type {
  IssueInput,
  ListInput,
  ListedRecord,
  RegisterInput,
  RotateInput,
  TokenBackend,
  UpdateInput,
} from "./backend.js";

/** The direct backend. */
export class DirectBackend implements TokenBackend {
  readonly description: string;
  readonly ownTokenId = undefined;
  readonly #pat: Pat;

  /** @param description - e.g. `table "tokens" at http://127.0.0.1:8000`. */
  constructor(pat: Pat, description: string) {
    this.#pat = pat;
    this.description = description;
  }

  issue(input: IssueInput): Promise<{ token: string; record: PublicTokenRecord }> {
    return this.#pat.issue(input);
  }

  register(input: RegisterInput): Promise<PublicTokenRecord> {
    return this.#pat.register(input);
  }

  update(tokenId: string, input: UpdateInput): Promise<void> {
    return this.#pat.update(tokenId, input);
  }

  revoke(tokenId: string, options: { readonly expiresAt?: number }): Promise<void> {
    return this.#pat.revoke(tokenId, options);
  }

  restore(tokenId: string): Promise<void> {
    return this.#pat.restore(tokenId);
  }

  rotate(
    tokenId: string,
    input: RotateInput,
  ): Promise<{ token: string; record: PublicTokenRecord }> {
    return this.#pat.rotate(tokenId, input);
  }

  async get(tokenId: string): Promise<PublicTokenRecord | undefined> {
    const { found } = await this.#pat.batchLoad([tokenId]);
    return found[0];
  }

  list(input: ListInput): AsyncIterable<ListedRecord> {
    const options = {
      ...(input.hasRole !== undefined ? { hasRole: input.hasRole } : {}),
      ...(input.includeSecretPhc === true ? { includeSecretPhc: true as const } : {}),
      ...(input.state !== undefined ? { state: input.state } : {}),
      ...(input.expiringBefore !== undefined ? { expiringBefore: input.expiringBefore } : {}),
    };
    return input.owner !== undefined
      ? this.#pat.listByOwner(input.owner, options)
      : this.#pat.list(options);
  }
}
