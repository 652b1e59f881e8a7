/**
 * {@link TokenBackend} over a server's admin API (@pat/http, or an @access-tokens/express
 * server), through @pat/client's `AccessTokensClient`: the client exchanges the admin token for
 * a JWT, repeats what is safe to repeat, and keeps secrets out of its errors. Answers that mean
 * the same as the library's errors are translated to them here (404 on a token → `Token not
 * found`, 409 → `Token ID already exists`), so every mode fails with the same message and exit
 * code.
 */
import { HttpError, type AccessTokensClient, type TokenRecord } from "@pat/client";
import { TokenExistsError, TokenNotFoundError, type PublicTokenRecord } from "@pat/core";
import { stateErrorOf } from "./http-rotate.js";
import type {
  IssueInput,
  ListInput,
  ListedRecord,
  RegisterInput,
  RotateInput,
  TokenBackend,
  UpdateInput,
} from "./backend.js";

/** A record as the wire gives it (times may be `null`), in the shape `pat` prints. */
function toRecord(record: TokenRecord): ListedRecord {
  return {
    tokenId: record.tokenId,
    owner: record.owner,
    isAdmin: record.isAdmin,
    roles: record.roles ?? [],
    createdAt: record.createdAt,
    ...(record.lastUsedAt != null ? { lastUsedAt: record.lastUsedAt } : {}),
    ...(record.revokedAt != null ? { revokedAt: record.revokedAt } : {}),
    ...(record.expiresAt != null ? { expiresAt: record.expiresAt } : {}),
    ...(record.secretPhc !== undefined ? { secretPhc: record.secretPhc } : {}),
    ...(record.rotatedFrom !== undefined ? { rotatedFrom: record.rotatedFrom } : {}),
    ...(record.rotatedTo !== undefined ? { rotatedTo: record.rotatedTo } : {}),
    ...(record.graceEndsAt !== undefined ? { graceEndsAt: record.graceEndsAt } : {}),
    ...(record.awaitingFirstUse === true ? { awaitingFirstUse: true } : {}),
    ...(record.name !== undefined ? { name: record.name } : {}),
    ...(record.description !== undefined ? { description: record.description } : {}),
    ...(record.metadata !== undefined ? { metadata: { ...record.metadata } } : {}),
  };
}

/** `record` without its hash. */
function publicRecord(record: TokenRecord): PublicTokenRecord {
  const { secretPhc: _hash, ...rest } = toRecord(record);
  return rest;
}

/** The admin-API backend. */
export class HttpBackend implements TokenBackend {
  readonly description: string;
  readonly ownTokenId: string | undefined;
  readonly #client: AccessTokensClient;

  /**
   * @param description - e.g. `endpoint "prod" (https://api.example.com)`.
   * @param ownTokenId - the token id of the admin token the client authenticates with.
   */
  constructor(client: AccessTokensClient, description: string, ownTokenId: string | undefined) {
    this.#client = client;
    this.description = description;
    this.ownTokenId = ownTokenId;
  }

  /** Runs `call`, turning 404 / 409 answers about `tokenId` into the library's errors. */
  async #about<T>(tokenId: string | undefined, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      const status = error instanceof HttpError ? error.status : undefined;
      if (tokenId !== undefined && status === 404)
        throw new TokenNotFoundError(tokenId, { cause: error });
      if (tokenId !== undefined && status === 409)
        throw new TokenExistsError(tokenId, { cause: error });
      throw error;
    }
  }

  async issue(input: IssueInput): Promise<{ token: string; record: PublicTokenRecord }> {
    const { token, record } = await this.#about(input.tokenId, () =>
      this.#client.issue({
        owner: input.owner,
        ...(input.isAdmin !== undefined ? { isAdmin: input.isAdmin } : {}),
        ...(input.roles !== undefined ? { roles: [...input.roles] } : {}),
        ...(input.expiresAt !== undefined ? { expiresAt: input.expiresAt } : {}),
        ...(input.tokenId !== undefined ? { tokenId: input.tokenId } : {}),
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.metadata !== undefined ? { metadata: { ...input.metadata } } : {}),
      }),
    );
    return { token, record: publicRecord(record) };
  }

  async register(input: RegisterInput): Promise<PublicTokenRecord> {
    const record = await this.#about(input.tokenId, () =>
      this.#client.register({
        tokenId: input.tokenId,
        secretPhc: input.secretPhc,
        owner: input.owner,
        ...(input.isAdmin !== undefined ? { isAdmin: input.isAdmin } : {}),
        ...(input.roles !== undefined ? { roles: [...input.roles] } : {}),
        ...(input.expiresAt !== undefined ? { expiresAt: input.expiresAt } : {}),
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.metadata !== undefined ? { metadata: { ...input.metadata } } : {}),
      }),
    );
    return publicRecord(record);
  }

  update(tokenId: string, input: UpdateInput): Promise<void> {
    const roles = input.roles;
    return this.#about(tokenId, () =>
      this.#client.update(tokenId, {
        ...(input.owner !== undefined ? { owner: input.owner } : {}),
        ...(input.isAdmin !== undefined ? { isAdmin: input.isAdmin } : {}),
        ...(input.secretPhc !== undefined ? { secretPhc: input.secretPhc } : {}),
        ...(input.expiresAt !== undefined ? { expiresAt: input.expiresAt } : {}),
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.metadata !== undefined
          ? { metadata: input.metadata === null ? null : { ...input.metadata } }
          : {}),
        ...(roles === undefined
          ? {}
          : Array.isArray(roles)
            ? { roles: [...(roles as readonly string[])] }
            : "add" in roles
              ? { roles: { add: [...roles.add] } }
              : { roles: { remove: [...(roles as { remove: readonly string[] }).remove] } }),
      }),
    );
  }

  revoke(tokenId: string, options: { readonly expiresAt?: number }): Promise<void> {
    return this.#about(tokenId, () =>
      this.#client.revoke(
        tokenId,
        options.expiresAt !== undefined ? { expiresAt: options.expiresAt } : {},
      ),
    );
  }

  restore(tokenId: string): Promise<void> {
    return this.#about(tokenId, () => this.#client.restore(tokenId));
  }

  async rotate(
    tokenId: string,
    input: RotateInput,
  ): Promise<{ token: string; record: PublicTokenRecord }> {
    try {
      const { token, record } = await this.#client.rotate(tokenId, input);
      return { token, record: publicRecord(record) };
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) {
        throw new TokenNotFoundError(tokenId, { cause: error });
      }
      throw stateErrorOf(error, tokenId) ?? error;
    }
  }

  async get(tokenId: string): Promise<PublicTokenRecord | undefined> {
    // The batch read, not `GET /tokens/:id`: @access-tokens/express servers have only the former.
    const { found } = await this.#client.batchLoad([tokenId]);
    const record = found.find((candidate) => candidate.tokenId === tokenId);
    return record === undefined ? undefined : publicRecord(record);
  }

  async *list(input: ListInput): AsyncIterable<ListedRecord> {
    const records = await this.#client.listAll({
      includeRevoked: true,
      includeExpired: true,
      ...(input.owner !== undefined ? { owner: input.owner } : {}),
      ...(input.hasRole !== undefined ? { hasRole: input.hasRole } : {}),
      ...(input.includeSecretPhc === true ? { includeSecretPhc: true } : {}),
      ...(input.state !== undefined ? { state: input.state } : {}),
      ...(input.expiringBefore !== undefined ? { expiringBefore: input.expiringBefore } : {}),
    });
    for (const record of records) yield toRecord(record);
  }
}
