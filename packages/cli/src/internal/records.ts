/**
 * How `pat` shows a token record: the JSON shape (the library's record, times in Unix seconds,
 * plus a computed `status`) and the text shapes (a detail block and a table row). Never the
 * `secretPhc`: only `export` writes hashes, and it does not use this module. The text shapes
 * show owners and roles with control and bidi formatting characters escaped (`\u001b`): records
 * stored before @pat refused them, or by other software, must not drive the terminal.
 */
import { formatDuration } from "./duration.js";
import { isoTime } from "./time.js";
import type { Colours } from "./colour.js";
import { renderPairs } from "./table.js";
import {
  escapeControlCharacters as printable,
  tokenStatus,
  type PublicTokenRecord,
  type TokenStatus,
  type VerifyResult,
} from "@pat/core";

/** The public fields of a record as `pat` writes them in JSON: absent times omitted. */
export interface RecordFields {
  tokenId: string;
  owner: string;
  isAdmin: boolean;
  roles: string[];
  createdAt: number;
  lastUsedAt?: number;
  revokedAt?: number;
  expiresAt?: number;
  /** Rotation: the token this one replaced. */
  rotatedFrom?: string;
  /** Rotation: the token that replaced this one. */
  rotatedTo?: string;
  /** Rotation: when this token's secret stops (stopped) working. */
  graceEndsAt?: number;
}

/** The JSON shape of a record: its public fields, its labels and `status`. */
export interface RecordJson extends RecordFields {
  name?: string;
  description?: string;
  metadata?: Record<string, string>;
  status: TokenStatus;
}

/**
 * The public fields of `record` in their JSON form: `roles` always a list, absent times (and a
 * cleared, `null` expiry) omitted, nothing else (never `secretPhc`).
 */
export function recordFields(record: PublicTokenRecord): RecordFields {
  return {
    tokenId: record.tokenId,
    owner: record.owner,
    isAdmin: record.isAdmin,
    roles: [...(record.roles ?? [])],
    createdAt: record.createdAt,
    ...(record.lastUsedAt !== undefined ? { lastUsedAt: record.lastUsedAt } : {}),
    ...(record.revokedAt !== undefined ? { revokedAt: record.revokedAt } : {}),
    ...(typeof record.expiresAt === "number" ? { expiresAt: record.expiresAt } : {}),
    ...(record.rotatedFrom !== undefined ? { rotatedFrom: record.rotatedFrom } : {}),
    ...(record.rotatedTo !== undefined ? { rotatedTo: record.rotatedTo } : {}),
    ...(record.graceEndsAt !== undefined ? { graceEndsAt: record.graceEndsAt } : {}),
  };
}

/**
 * Converts a record to its JSON shape, dropping anything not public (e.g. `secretPhc`). Labels
 * are shown here, not exported (`export` writes {@link recordFields} only).
 */
export function recordJson(
  record: PublicTokenRecord,
  now: number,
  status: TokenStatus = tokenStatus(record, now),
): RecordJson {
  return {
    ...recordFields(record),
    ...(record.name !== undefined ? { name: record.name } : {}),
    ...(record.description !== undefined ? { description: record.description } : {}),
    ...(record.metadata !== undefined ? { metadata: { ...record.metadata } } : {}),
    status,
  };
}

/** `seconds` relative to `now`: `in 90d`, `3h ago`. */
function relativeTime(seconds: number, now: number): string {
  const delta = seconds - now;
  if (Math.abs(delta) < 1) return "now";
  return delta > 0 ? `in ${formatDuration(delta)}` : `${formatDuration(-delta)} ago`;
}

/** The status word, coloured. */
function statusText(status: TokenStatus, colours: Colours): string {
  switch (status) {
    case "active":
      return colours.green(status);
    case "revoked":
      return colours.red(status);
    case "expired":
      return colours.yellow(status);
  }
}

/**
 * A detail block of `record` for the terminal. `status` overrides the computed one (verify's
 * records carry no `revokedAt`, so its reason says "revoked").
 */
export function recordDetails(
  record: PublicTokenRecord,
  now: number,
  colours: Colours,
  status: TokenStatus = tokenStatus(record, now),
): string {
  const time = (seconds: number | null | undefined, none: string): string =>
    seconds === undefined || seconds === null
      ? colours.dim(none)
      : `${isoTime(seconds)} ${colours.dim(`(${relativeTime(seconds, now)})`)}`;
  const roles = record.roles ?? [];
  return renderPairs(
    [
      ["id", colours.bold(record.tokenId)],
      ["owner", printable(record.owner)],
      ...(record.name !== undefined ? [["name", printable(record.name)] as const] : []),
      ["admin", record.isAdmin ? colours.cyan("yes") : "no"],
      ["roles", roles.length > 0 ? printable(roles.join(", ")) : colours.dim("none")],
      ["status", statusText(status, colours)],
      ["created", time(record.createdAt, "")],
      ["last used", time(record.lastUsedAt, "never")],
      ["expires", time(record.expiresAt, "never")],
      ...(record.revokedAt !== undefined ? [["revoked", time(record.revokedAt, "")] as const] : []),
      ...(record.rotatedFrom !== undefined ? [["replaces", record.rotatedFrom] as const] : []),
      ...(record.rotatedTo !== undefined ? [["replaced by", record.rotatedTo] as const] : []),
      ...(record.graceEndsAt !== undefined
        ? [["works until", time(record.graceEndsAt, "")] as const]
        : []),
    ],
    colours.dim,
  );
}

/** Column titles of {@link recordRow}. */
export const RECORD_COLUMNS = [
  "ID",
  "OWNER",
  "ADMIN",
  "ROLES",
  "STATUS",
  "CREATED",
  "EXPIRES",
  "LAST USED",
] as const;

/** One table row of `record`. */
export function recordRow(record: PublicTokenRecord, now: number, colours: Colours): string[] {
  const roles = record.roles ?? [];
  return [
    record.tokenId,
    printable(record.owner),
    record.isAdmin ? colours.cyan("yes") : "no",
    roles.length > 0 ? printable(roles.join(",")) : colours.dim("-"),
    statusText(tokenStatus(record, now), colours),
    isoTime(record.createdAt).slice(0, 10),
    typeof record.expiresAt !== "number"
      ? colours.dim("never")
      : isoTime(record.expiresAt).slice(0, 10),
    record.lastUsedAt === undefined ? colours.dim("never") : relativeTime(record.lastUsedAt, now),
  ];
}

/** The status a refused token's record has: verify's records carry no `revokedAt`. */
export function failureStatus(reason: string): TokenStatus | undefined {
  return reason === "revoked" || reason === "expired" ? reason : undefined;
}

/**
 * The `--json` shape of a verify or bootstrap answer: `{valid: true, record}` or
 * `{valid: false, reason, record?}` (the record only where the library gave one).
 */
export function verifyResultJson(result: VerifyResult, now: number): object {
  if (result.valid) return { valid: true, record: recordJson(result.record, now) };
  return {
    valid: false,
    reason: result.reason,
    ...(result.record !== undefined
      ? { record: recordJson(result.record, now, failureStatus(result.reason)) }
      : {}),
  };
}
