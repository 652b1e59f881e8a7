/**
 * `pat sync <file>`: makes the stored tokens match a YAML file (the format of
 * `@access-tokens/cli sync`), on a DynamoDB table or through admin APIs. It reads every stored
 * token, prints the plan (see `sync/plan.ts` for what is created, updated, restored, revoked or
 * skipped), then carries it out unless `--dry-run`. Exit 0 when nothing needed to change, 5 when
 * changes were made (or, with `--dry-run`, are pending), so scripts and CI can tell. Every target
 * is read and planned before any is changed, so a refusal (hashes the server will not give, see
 * `sync/current.ts`) or a read failure changes nothing anywhere.
 *
 * Targets: `--url` or `--endpoint-name a,b` (admin APIs); else, when the file has `endpoints`
 * and no `--table` flag is given, every endpoint of the file (as `@access-tokens/cli` does);
 * else the DynamoDB table.
 */
import { flag, stringValue } from "../args.js";
import type { TokenBackend } from "../backend/backend.js";
import type { Command, CommandContext } from "../context.js";
import { parseDuration } from "../duration.js";
import { ExitCode, usageError } from "../exit-codes.js";
import { applyPlan, SyncStopped } from "../sync/apply.js";
import { readCurrent } from "../sync/current.js";
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
    "pat sync <file> --endpoint-name <name>[,<name>...] [--dry-run] [--share-admin-token]",
  ],
  flags: [
    booleanFlag("dry-run", "print the plan and change nothing"),
    stringFlag(
      "orphan-cleanup-in",
      "<duration>",
      `cleanup time of tokens revoked for not being in the file (default ${DEFAULT_ORPHAN_CLEANUP})`,
    ),
    booleanFlag(
      "no-compare-hashes",
      "do not compare the file's secretPhc with stored tokens' (needed when a server refuses hashes)",
    ),
    booleanFlag(
      "share-admin-token",
      "send the PAT_ADMIN_TOKEN (or stdin) token to several servers: endpoints without their own",
    ),
  ],
  notes: [
    "The file: `tokens:` a list of {tokenId, owner, isAdmin?, roles?, secretPhc?, revoked?, expiresAt?}",
    "(expiresAt: ISO 8601, Unix seconds, or null). Tokens are matched by id: a missing one is created",
    "from its secretPhc; a present one gets the file's owner and admin flag, and its roles, hash and",
    "expiry when the file gives them; revoked: true revokes it, and a revoked token not marked so is",
    "restored. A valid token that is not in the file is revoked, with a cleanup time. Nothing is ever",
    "deleted. The plan is printed before any change.",
    "Every target is read and planned before any is changed. A server that will not give token hashes",
    "(includeSecretPhc) while the file gives the hash of a token it holds is refused (exit 2) unless",
    "--no-compare-hashes. A named endpoint uses the admin token the files give it; PAT_ADMIN_TOKEN or",
    "--admin-token - serve --url and endpoints without one, and go to one server only unless --share-admin-token.",
    "Exit codes: 0 nothing to change, 5 changes made (with --dry-run: pending), others as for every command.",
    "With --json: {dryRun, changed, targets: [{target, steps, summary, applied, warnings}]}.",
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
    const compareHashes = !flag(context.values, "no-compare-hashes");
    const backends = await syncBackends(context, file);
    // Read and plan every target first: a refusal or a failed read changes nothing anywhere.
    const planned: Array<{ backend: TokenBackend; plan: SyncPlan; warning?: string }> = [];
    for (const backend of backends) {
      const { current, warning } = await readCurrent(backend, file.tokens, { compareHashes, path });
      const now = context.now();
      const plan = planSync(file.tokens, current, {
        now,
        unlistedCleanupAt: now + cleanupIn,
        ownTokenId: backend.ownTokenId,
      });
      planned.push({ backend, plan, ...(warning !== undefined ? { warning } : {}) });
    }
    const results: TargetResult[] = [];
    let changed = false;
    for (const { backend, plan, warning } of planned) {
      if (results.length > 0 && !out.json) out.line();
      if (warning !== undefined) out.warn(`${backend.description}: ${warning}`);
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
