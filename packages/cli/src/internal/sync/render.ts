/**
 * How a sync plan is shown: one line per step for people (times in ISO 8601, hashes never
 * shown, only "changed"), and the `--json` shape of a step (times in Unix seconds, as stored).
 */
import { escapeControlCharacters as printable } from "@pat/core";
import type { Colours } from "../colour.js";
import { isoTime } from "../time.js";
import { isChange, type FieldChange, type SyncPlan, type SyncStep } from "./plan.js";

/** Counts of a plan's steps by action, and of tokens left as they were. */
export interface SyncSummary {
  create: number;
  update: number;
  revoke: number;
  restore: number;
  skip: number;
  unchanged: number;
}

/** Counts the steps of `plan`. */
export function summarise(plan: SyncPlan): SyncSummary {
  const summary: SyncSummary = {
    create: 0,
    update: 0,
    revoke: 0,
    restore: 0,
    skip: 0,
    unchanged: plan.unchanged,
  };
  for (const step of plan.steps) summary[step.action]++;
  return summary;
}

/** `2 to create, 1 to revoke, 3 unchanged` (zero counts left out). */
export function summaryText(summary: SyncSummary, done: boolean): string {
  const verb = (action: string, past: string): string => (done ? past : `to ${action}`);
  const parts = [
    summary.create > 0 ? `${summary.create} ${verb("create", "created")}` : "",
    summary.update > 0 ? `${summary.update} ${verb("update", "updated")}` : "",
    summary.restore > 0 ? `${summary.restore} ${verb("restore", "restored")}` : "",
    summary.revoke > 0 ? `${summary.revoke} ${verb("revoke", "revoked")}` : "",
    summary.skip > 0 ? `${summary.skip} skipped` : "",
    `${summary.unchanged} unchanged`,
  ];
  return parts.filter((part) => part !== "").join(", ");
}

function valueText(field: FieldChange["field"], value: FieldChange["from"]): string {
  if (value === null || value === undefined) return field === "expiresAt" ? "never" : "none";
  if (Array.isArray(value)) return value.length === 0 ? "[]" : `[${value.join(", ")}]`;
  if (field === "expiresAt" && typeof value === "number") return isoTime(value);
  return String(value);
}

/** `roles [a] → [a, b]`; a hash change is `secretPhc changed`. */
function changeText(change: FieldChange): string {
  if (change.field === "secretPhc") return "secretPhc changed";
  const from = valueText(change.field, change.from);
  const to = valueText(change.field, change.to);
  return from === to
    ? `${change.field} ${to} (written again after the restore)`
    : `${change.field} ${from} → ${to}`;
}

/** The detail of a step after its token id and owner. */
function stepDetail(step: SyncStep): string {
  switch (step.action) {
    case "create": {
      const { input } = step;
      const parts = [
        input.isAdmin === true ? "admin" : "",
        input.roles !== undefined ? `roles [${input.roles.join(", ")}]` : "",
        input.expiresAt !== undefined ? `expires ${isoTime(input.expiresAt)}` : "",
      ].filter((part) => part !== "");
      return parts.join(", ");
    }
    case "update":
      return step.changes.map(changeText).join("; ");
    case "revoke":
      return step.cleanupAt !== undefined
        ? `${step.reason}; cleanup at ${isoTime(step.cleanupAt)}`
        : step.reason;
    case "restore":
      return "";
    case "skip":
      return step.reason;
  }
}

/** One plan line: `  update   <id>  <owner>: roles [a] → [a, b]`. */
export function stepLine(step: SyncStep, colours: Colours): string {
  const paint =
    step.action === "create" || step.action === "restore"
      ? colours.green
      : step.action === "revoke"
        ? colours.red
        : step.action === "skip"
          ? colours.yellow
          : colours.cyan;
  const detail = stepDetail(step);
  // Owners and roles come from the file and the table: shown with controls escaped.
  const text = printable(`${step.tokenId}  ${step.owner}${detail !== "" ? `: ${detail}` : ""}`);
  return `  ${paint(step.action.padEnd(7))}  ${text}`;
}

/** The `--json` form of a step: no inputs, hashes never included. */
export function stepJson(step: SyncStep): Record<string, unknown> {
  const base = { action: step.action, tokenId: step.tokenId, owner: step.owner };
  switch (step.action) {
    case "create":
      return {
        ...base,
        isAdmin: step.input.isAdmin ?? false,
        roles: [...(step.input.roles ?? [])],
        ...(step.input.expiresAt !== undefined ? { expiresAt: step.input.expiresAt } : {}),
      };
    case "update":
      return {
        ...base,
        changes: step.changes.map((change) =>
          change.field === "secretPhc"
            ? { field: change.field }
            : { field: change.field, from: change.from, to: change.to },
        ),
      };
    case "revoke":
      return {
        ...base,
        reason: step.reason,
        ...(step.cleanupAt !== undefined ? { cleanupAt: step.cleanupAt } : {}),
      };
    case "restore":
      return base;
    case "skip":
      return { ...base, reason: step.reason };
  }
}

/** Number of steps of `plan` that change something. */
export function changeCount(plan: SyncPlan): number {
  return plan.steps.filter(isChange).length;
}
