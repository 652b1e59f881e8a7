/**
 * `pat sync <file>`: makes the stored tokens match a YAML file (the format of
 * `@access-tokens/cli sync`), on a DynamoDB table or through admin APIs. It reads every stored
 * token, prints the plan (see `sync/plan.ts` for what is created, updated, restored, revoked or
 * skipped), then carries it out unless `--dry-run`. Exit 0 when nothing needed to change, 5 when
 * changes were made (or, with `--dry-run`, are pending), so scripts and CI can tell.
 *
 * Targets: `--url` or `--endpoint-name a,b` (admin APIs); else, when the file has `endpoints`
 * and no `--table` flag is given, every endpoint of the file (as `@access-tokens/cli` does);
 * else the DynamoDB table.
 */
import { HttpError } from "@pat/client";
import { flag, stringValue } from "../args.js";
import type { ListedRecord, TokenBackend } from "../backend/backend.js";
import type { Command, CommandContext } from "../context.js";
import { parseDuration } from "../duration.js";
import { ExitCode, usageError } from "../exit-codes.js";
import { applyPlan, SyncStopped } from "../sync/apply.js";
import { planSync, type SyncPlan } from "../sync/plan.js";
import { changeCount, stepJson, stepLine, summarise, summaryText } from "../sync/render.js";
import { loadSyncFile, type SyncFile } from "../sync/sync-file.js";
import { booleanFlag, stringFlag } from "../flags.js";

/** Default time after which a token revoked for being absent from the file may be deleted by TTL. */
const DEFAULT_ORPHAN_CLEANUP = "30d";

/** The backends a sync works on (see the module comment). */
async function syncBackends(context: CommandContext, file: SyncFile): Promise<TokenBackend[]> {
  const extra = { ...file, source: file.path };
  if (context.mode.kind === "http") return context.httpBackends(extra);
  const names = Object.keys(file.endpoints ?? {});
  if (names.length > 0 && context.values.table === undefined) {
    return context.httpBackends(extra, { kind: "http", endpointNames: names });
  }
  return [await context.backend()];
}

/** Reads every record of `backend` into a map by token id. */
async function readAll(
  backend: TokenBackend,
  includeSecretPhc: boolean,
): Promise<Map<string, ListedRecord>> {
  const current = new Map<string, ListedRecord>();
  for await (const record of backend.list({ includeSecretPhc }))
    current.set(record.tokenId, record);
  return current;
}

/**
 * Every stored token of `backend`, by id, with hashes when the file gives some (to compare
 * them). An admin API may refuse to give hashes (403: @pat/http serves them only when
 * `allowSecretPhc` is set); the tokens are then read without, and a warning says that the
 * hashes of existing tokens are not compared.
 */
async function currentTokens(
  backend: TokenBackend,
  withHashes: boolean,
): Promise<{ current: Map<string, ListedRecord>; warning?: string }> {
  if (!withHashes) return { current: await readAll(backend, false) };
  try {
    return { current: await readAll(backend, true) };
  } catch (error) {
    if (!(error instanceof HttpError) || error.status !== 403) throw error;
    return {
      current: await readAll(backend, false),
      warning:
        "the server does not give token hashes (includeSecretPhc refused), so the secretPhc of " +
        "existing tokens is not compared or changed; missing tokens are still created from theirs",
    };
  }
}

/** One target's outcome, for `--json`. */
interface TargetResult {
  target: string;
  steps: Record<string, unknown>[];
  summary: ReturnType<typeof summarise>;
  applied: number;
  warnings: string[];
}

export const syncCommand: Command = {
  name: "sync",
  summary: "Make the stored tokens match a YAML file (prints the plan first)",
  usage: [
    "pat sync <file> [--dry-run] [--orphan-cleanup-in <duration>]",
    "pat sync <file> --url <url> [--dry-run]             (PAT_ADMIN_TOKEN or --admin-token -)",
    "pat sync <file> --endpoint-name <name>[,<name>...] [--dry-run]",
  ],
  notes: [
    "The file: `tokens:` a list of {tokenId, owner, isAdmin?, roles?, secretPhc?, revoked?, expiresAt?}",
    "(expiresAt: ISO 8601, Unix seconds, or null). Tokens are matched by id: a missing one is created",
    "from its secretPhc; a present one gets the file's owner and admin flag, and its roles, hash and",
    "expiry when the file gives them; revoked: true revokes it, and a revoked token not marked so is",
    "restored. A valid token that is not in the file is revoked, with a cleanup time. Nothing is ever",
    "deleted. The plan is printed before any change.",
    "Exit codes: 0 nothing to change, 5 changes made (with --dry-run: pending), others as for every command.",
    "With --json: {dryRun, changed, targets: [{target, steps, summary, applied, warnings}]}.",
  ],
  flags: [
    booleanFlag("dry-run", "print the plan and change nothing"),
    stringFlag(
      "orphan-cleanup-in",
      "<duration>",
      `cleanup time of tokens revoked for not being in the file (default ${DEFAULT_ORPHAN_CLEANUP})`,
    ),
  ],
  maxPositionals: 1,
  http: true,
  async run(context) {
    const { out } = context;
    const path = context.positionals[0];
    if (path === undefined || path === "")
      throw usageError("`pat sync` needs a file: pat sync <file>");
    const dryRun = flag(context.values, "dry-run");
    const cleanupIn = parseDuration(
      stringValue(context.values, "orphan-cleanup-in") ?? DEFAULT_ORPHAN_CLEANUP,
      "--orphan-cleanup-in",
    );
    const file = await loadSyncFile(path);
    if (file.tokens.length === 0) {
      // As @access-tokens/cli: an empty list is far likelier a mistake than "revoke everything".
      if (out.json) out.writeJson({ dryRun, changed: false, targets: [] });
      else out.note(`No tokens in ${path}: nothing to sync.`);
      return ExitCode.ok;
    }
    const withHashes = file.tokens.some((token) => token.secretPhc !== undefined);
    const backends = await syncBackends(context, file);
    const results: TargetResult[] = [];
    let changed = false;
    for (const backend of backends) {
      if (results.length > 0 && !out.json) out.line();
      const { current, warning } = await currentTokens(backend, withHashes);
      if (warning !== undefined) out.warn(`${backend.description}: ${warning}`);
      const now = context.now();
      const plan: SyncPlan = planSync(file.tokens, current, {
        now,
        unlistedCleanupAt: now + cleanupIn,
        ownTokenId: backend.ownTokenId,
      });
      const summary = summarise(plan);
      const total = changeCount(plan);
      if (!out.json) {
        out.line(`Sync ${path} → ${backend.description}`);
        for (const step of plan.steps) out.line(stepLine(step, out.colours));
        out.line(`Plan: ${summaryText(summary, false)}`);
      }
      let applied = 0;
      if (!dryRun && total > 0) {
        try {
          applied = await applyPlan(backend, plan);
        } catch (error) {
          if (!(error instanceof SyncStopped)) throw error;
          out.note(
            `Sync of ${backend.description} stopped at ${error.step.action} ${error.step.tokenId} after ` +
              `${error.done} of ${error.total} changes; run \`pat sync\` again to finish.`,
          );
          throw error.cause;
        }
      }
      changed ||= total > 0;
      if (!out.json) {
        out.line(
          total === 0
            ? "Nothing to change."
            : dryRun
              ? "Dry run: nothing was changed."
              : `Done: ${summaryText(summary, true)}.`,
        );
      }
      results.push({
        target: backend.description,
        steps: plan.steps.map(stepJson),
        summary,
        applied,
        warnings: warning !== undefined ? [warning] : [],
      });
    }
    if (out.json) out.writeJson({ dryRun, changed, targets: results });
    return changed ? ExitCode.changed : ExitCode.ok;
  },
};
