/**
 * The plan of a sync: what must change so that the tokens in storage match the sync file.
 * Tokens are matched by token id. For a token of the file:
 * - absent: created from its `secretPhc` (skipped when the file gives none, or marks it revoked:
 *   creating a token only to revoke it would make it valid for a moment);
 * - present: restored if it is revoked and the file does not say `revoked: true`; owner and
 *   admin flag set to the file's; roles, hash and expiry set when the file gives them (roles
 *   compared as sets); revoked if the file says so. Restore runs first (it gives back the expiry
 *   the token had before its revoke, so the file's expiry is written after it), revoke last;
 * - whose `expiresAt` in the file has passed: left alone (as `@access-tokens/cli` does).
 * A valid token that is not in the file is revoked, with a cleanup time after which DynamoDB's
 * TTL may delete it. Sync itself never deletes a token. The admin token a sync runs with (over
 * HTTP) is never revoked for being absent from the file, and when the file revokes it, that
 * step comes last.
 */
import type { ListedRecord, RegisterInput, UpdateInput } from "../backend/backend.js";
import type { TokenDefinition } from "./sync-file.js";

/** A field a sync may change. */
export type SyncField = "owner" | "isAdmin" | "roles" | "secretPhc" | "expiresAt";

/** One field's change; hashes are never shown, so a `secretPhc` change has no values. */
export interface FieldChange {
  readonly field: SyncField;
  readonly from?: string | boolean | readonly string[] | number | null;
  readonly to?: string | boolean | readonly string[] | number | null;
}

/** Why a token is revoked. */
export type RevokeReason = "revoked in the file" | "not in the file";

/** One step of a plan, in the order it runs. */
export type SyncStep =
  | {
      readonly action: "create";
      readonly tokenId: string;
      readonly owner: string;
      readonly input: RegisterInput;
    }
  | { readonly action: "restore"; readonly tokenId: string; readonly owner: string }
  | {
      readonly action: "update";
      readonly tokenId: string;
      readonly owner: string;
      readonly changes: readonly FieldChange[];
      readonly input: UpdateInput;
    }
  | {
      readonly action: "revoke";
      readonly tokenId: string;
      readonly owner: string;
      readonly reason: RevokeReason;
      /** Cleanup time (Unix seconds) for a token revoked for being absent from the file. */
      readonly cleanupAt?: number;
    }
  | {
      readonly action: "skip";
      readonly tokenId: string;
      readonly owner: string;
      readonly reason: string;
    };

/** A whole plan. */
export interface SyncPlan {
  /** Steps in order; `skip` steps change nothing. */
  readonly steps: readonly SyncStep[];
  /** Tokens of the file that already match. */
  readonly unchanged: number;
}

/** Options of {@link planSync}. */
export interface PlanOptions {
  /** Current time, Unix seconds. */
  readonly now: number;
  /** Cleanup time given to tokens revoked for being absent from the file. */
  readonly unlistedCleanupAt: number;
  /** The token id of the admin token the sync runs with, if any. */
  readonly ownTokenId?: string | undefined;
}

/** Whether a step changes anything. */
export function isChange(step: SyncStep): boolean {
  return step.action !== "skip";
}

function sortedRoles(roles: readonly string[] | undefined): string[] {
  return [...new Set(roles ?? [])].sort();
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

function isLive(record: ListedRecord, now: number): boolean {
  return (
    record.revokedAt === undefined &&
    (typeof record.expiresAt !== "number" || record.expiresAt > now)
  );
}

/** The field changes that bring `current` to `wanted` (see the module comment). */
function fieldChanges(
  wanted: TokenDefinition,
  current: ListedRecord,
  restoring: boolean,
): { changes: FieldChange[]; input: UpdateInput } {
  const changes: FieldChange[] = [];
  const input: { -readonly [K in keyof UpdateInput]: UpdateInput[K] } = {};
  if (wanted.owner !== current.owner) {
    changes.push({ field: "owner", from: current.owner, to: wanted.owner });
    input.owner = wanted.owner;
  }
  if (wanted.isAdmin !== current.isAdmin) {
    changes.push({ field: "isAdmin", from: current.isAdmin, to: wanted.isAdmin });
    input.isAdmin = wanted.isAdmin;
  }
  if (wanted.roles !== undefined) {
    const from = sortedRoles(current.roles);
    const to = sortedRoles(wanted.roles);
    if (!sameList(from, to)) {
      changes.push({ field: "roles", from, to });
      input.roles = to;
    }
  }
  if (
    wanted.secretPhc !== undefined &&
    current.secretPhc !== undefined &&
    wanted.secretPhc !== current.secretPhc
  ) {
    changes.push({ field: "secretPhc" });
    input.secretPhc = wanted.secretPhc;
  }
  if (wanted.expiresAt !== undefined) {
    const from = current.expiresAt ?? null;
    // After a restore the expiry is the one from before the revoke, which a listing does not
    // show: the file's expiry is written again whatever the listing says.
    if (from !== wanted.expiresAt || restoring) {
      changes.push({ field: "expiresAt", from, to: wanted.expiresAt });
      input.expiresAt = wanted.expiresAt;
    }
  }
  return { changes, input };
}

/** The steps for one token of the file. */
function tokenSteps(
  wanted: TokenDefinition,
  current: ListedRecord | undefined,
  now: number,
): SyncStep[] {
  const { tokenId, owner } = wanted;
  if (wanted.expiresAt !== undefined && wanted.expiresAt !== null && wanted.expiresAt <= now) {
    const live = current !== undefined && isLive(current, now);
    return [
      {
        action: "skip",
        tokenId,
        owner,
        reason: live
          ? "its expiresAt in the file has passed, but the token is still valid: mark it revoked: true to revoke it"
          : "its expiresAt in the file has passed",
      },
    ];
  }
  if (current === undefined) {
    if (wanted.revoked) {
      return [
        {
          action: "skip",
          tokenId,
          owner,
          reason: "absent, and revoked in the file: nothing to create",
        },
      ];
    }
    if (wanted.secretPhc === undefined) {
      return [
        {
          action: "skip",
          tokenId,
          owner,
          reason: "absent, and the file gives no secretPhc to create it",
        },
      ];
    }
    const input: RegisterInput = {
      tokenId,
      secretPhc: wanted.secretPhc,
      owner,
      isAdmin: wanted.isAdmin,
      ...(wanted.roles !== undefined && wanted.roles.length > 0
        ? { roles: sortedRoles(wanted.roles) }
        : {}),
      ...(typeof wanted.expiresAt === "number" ? { expiresAt: wanted.expiresAt } : {}),
    };
    return [{ action: "create", tokenId, owner, input }];
  }
  const steps: SyncStep[] = [];
  const revoked = current.revokedAt !== undefined;
  const restoring = revoked && !wanted.revoked;
  if (restoring) steps.push({ action: "restore", tokenId, owner });
  const { changes, input } = fieldChanges(wanted, current, restoring);
  if (changes.length > 0) steps.push({ action: "update", tokenId, owner, changes, input });
  if (wanted.revoked && !revoked) {
    steps.push({ action: "revoke", tokenId, owner, reason: "revoked in the file" });
  }
  return steps;
}

/**
 * Plans the sync of `wanted` (the file's tokens) onto `current` (every stored token, revoked and
 * expired ones included, with hashes where the backend gives them).
 *
 * @example
 * ```ts
 * const plan = planSync(file.tokens, records, { now, unlistedCleanupAt: now + 30 * 86_400 });
 * ```
 */
export function planSync(
  wanted: readonly TokenDefinition[],
  current: ReadonlyMap<string, ListedRecord>,
  options: PlanOptions,
): SyncPlan {
  const { now } = options;
  const steps: SyncStep[] = [];
  let unchanged = 0;
  for (const definition of wanted) {
    const forToken = tokenSteps(definition, current.get(definition.tokenId), now);
    if (forToken.length === 0) unchanged++;
    steps.push(...forToken);
  }
  const listed = new Set(wanted.map((definition) => definition.tokenId));
  const unlisted = [...current.values()]
    .filter((record) => !listed.has(record.tokenId) && isLive(record, now))
    .sort((a, b) => (a.tokenId < b.tokenId ? -1 : a.tokenId > b.tokenId ? 1 : 0));
  for (const record of unlisted) {
    const { tokenId, owner } = record;
    steps.push(
      tokenId === options.ownTokenId
        ? {
            action: "skip",
            tokenId,
            owner,
            reason: "not in the file, but it is the admin token this sync runs with: left valid",
          }
        : {
            action: "revoke",
            tokenId,
            owner,
            reason: "not in the file",
            cleanupAt: Math.min(options.unlistedCleanupAt, record.expiresAt ?? Infinity),
          },
    );
  }
  // The token the sync authenticates with is revoked last, after every other change went through.
  const own = (step: SyncStep): boolean => step.tokenId === options.ownTokenId && isChange(step);
  return { steps: [...steps.filter((step) => !own(step)), ...steps.filter(own)], unchanged };
}
