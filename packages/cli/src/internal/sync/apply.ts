/**
 * Carrying out a sync plan, step by step, in order, through any {@link TokenBackend}. Each step
 * is one of the backend's atomic, idempotent-or-conditional operations, so a sync stopped by a
 * failure leaves every finished step in place and running it again completes the rest.
 */
import type { TokenBackend } from "../backend/backend.js";
import { isChange, type SyncPlan, type SyncStep } from "./plan.js";

/** Runs one step (a `skip` does nothing). */
async function applyStep(backend: TokenBackend, step: SyncStep): Promise<void> {
  switch (step.action) {
    case "create":
      await backend.register(step.input);
      return;
    case "restore":
      await backend.restore(step.tokenId);
      return;
    case "update":
      await backend.update(step.tokenId, step.input);
      return;
    case "revoke":
      await backend.revoke(
        step.tokenId,
        step.cleanupAt !== undefined ? { expiresAt: step.cleanupAt } : {},
      );
      return;
    case "skip":
      return;
  }
}

/** A sync that stopped on a failed step: how many changes were made before it. */
export class SyncStopped extends Error {
  override readonly name = "SyncStopped";
  constructor(
    readonly done: number,
    readonly total: number,
    readonly step: SyncStep,
    cause: unknown,
  ) {
    super(`stopped at ${step.action} ${step.tokenId} after ${done} of ${total} changes`, { cause });
  }
}

/**
 * Applies the changing steps of `plan` in order and resolves how many were made.
 *
 * @throws SyncStopped (with the backend's error as `cause`) at the first step that fails.
 */
export async function applyPlan(backend: TokenBackend, plan: SyncPlan): Promise<number> {
  const changes = plan.steps.filter(isChange);
  let done = 0;
  for (const step of changes) {
    try {
      await applyStep(backend, step);
    } catch (error) {
      throw new SyncStopped(done, changes.length, step, error);
    }
    done++;
  }
  return done;
}
