/**
 * The operations `pat` commands perform on tokens, whatever carries them: DynamoDB directly
 * (through @pat/core) or a server's admin API (through @pat/client). Commands and `sync` are
 * written once against this port; each mode implements it once. Every method throws the
 * library's coded errors (`TOKEN_NOT_FOUND`, `TOKEN_EXISTS`, `INVALID_INPUT`, ...) or a
 * transport error, which `toCliError` turns into an exit code.
 */
import type { PublicTokenRecord } from "@pat/core";

/** A record as listed, with its `secretPhc` when that was asked for and the backend gives it. */
export type ListedRecord = PublicTokenRecord & { readonly secretPhc?: string };

/** Arguments of {@link TokenBackend.issue}. */
export interface IssueInput {
  readonly owner: string;
  readonly isAdmin?: boolean;
  readonly roles?: readonly string[];
  readonly expiresAt?: number;
  readonly tokenId?: string;
  readonly name?: string;
  readonly description?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

/** Arguments of {@link TokenBackend.register}. */
export interface RegisterInput extends Omit<IssueInput, "tokenId"> {
  readonly tokenId: string;
  readonly secretPhc: string;
}

/** Changes of {@link TokenBackend.update}; an absent field is left as it is. */
export interface UpdateInput {
  readonly owner?: string;
  readonly isAdmin?: boolean;
  readonly roles?:
    | readonly string[]
    | { readonly add: readonly string[] }
    | { readonly remove: readonly string[] };
  readonly secretPhc?: string;
  /** Unix seconds; `null` removes the expiry. */
  readonly expiresAt?: number | null;
  /** A label to set; `null` removes it. */
  readonly name?: string | null;
  readonly description?: string | null;
  /** Replaces the whole metadata map; `null` removes it. */
  readonly metadata?: Readonly<Record<string, string>> | null;
}

/** Filters of {@link TokenBackend.list}. */
export interface ListInput {
  /** Only this owner's tokens. */
  readonly owner?: string;
  /** Only tokens with this role. */
  readonly hasRole?: string;
  /** Give each record's `secretPhc` too. */
  readonly includeSecretPhc?: boolean;
  /** Only tokens in this state now, selected by the storage (or the server). */
  readonly state?: "active" | "revoked" | "expired";
  /** Only tokens whose expiry is before this time (Unix seconds). */
  readonly expiringBefore?: number;
}

/** Options of {@link TokenBackend.rotate}: the old secret's grace (see `Pat.rotate`). */
export interface RotateInput {
  /** Seconds the old secret keeps working (default 0, or unbounded with `untilFirstUse`). */
  readonly graceSeconds?: number;
  /** Keep the old secret until the new token's first successful verify. */
  readonly untilFirstUse?: boolean;
}

/** Where tokens live and what can be done to them. */
export interface TokenBackend {
  /** For messages: `table "tokens" at http://127.0.0.1:8000`, or the admin API's URL. */
  readonly description: string;
  /** The id of the token this backend authenticates with (HTTP), or undefined (DynamoDB). */
  readonly ownTokenId: string | undefined;
  /** Issues a token (the secret is in `token`, nowhere else). */
  issue(input: IssueInput): Promise<{ token: string; record: PublicTokenRecord }>;
  /** Stores a token made elsewhere from its id and hash; throws `TOKEN_EXISTS` for a taken id. */
  register(input: RegisterInput): Promise<PublicTokenRecord>;
  /** One atomic change; throws `TOKEN_NOT_FOUND`. */
  update(tokenId: string, input: UpdateInput): Promise<void>;
  /** Idempotent; `expiresAt` is a cleanup time (never extends the token). Throws `TOKEN_NOT_FOUND`. */
  revoke(tokenId: string, options: { readonly expiresAt?: number }): Promise<void>;
  /** Idempotent; gives back the expiry the token had before its revoke. Throws `TOKEN_NOT_FOUND`. */
  restore(tokenId: string): Promise<void>;
  /**
   * Replaces the token by a new one (the secret is in `token`, nowhere else). Throws
   * `TOKEN_NOT_FOUND`, and `TokenStateError` (`TOKEN_REVOKED`, `TOKEN_EXPIRED`, `TOKEN_ROTATED`,
   * `ROTATION_PENDING`) when the token's state refuses it.
   */
  rotate(
    tokenId: string,
    input: RotateInput,
  ): Promise<{ token: string; record: PublicTokenRecord }>;
  /** One record without its hash; resolves `undefined` when there is no such token. */
  get(tokenId: string): Promise<PublicTokenRecord | undefined>;
  /** Every matching token (revoked and expired ones included unless `state` says), paged lazily. */
  list(input: ListInput): AsyncIterable<ListedRecord>;
}
