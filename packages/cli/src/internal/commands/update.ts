/**
 * `pat update <id>`: changes owner, admin flag, roles, expiry or labels in one atomic write (the
 * library's `update`), then prints the record as stored.
 */
import type { UpdateInput } from "../backend/backend.js";
import { exclusive, flag, listValue, stringValue } from "../args.js";
import type { Command } from "../context.js";
import { usageError } from "../exit-codes.js";
import {
  expiryFromFlags,
  labelsFromFlags,
  loadRecord,
  printRecord,
  requireTokenId,
} from "./shared.js";
import { booleanFlag, EXPIRY_FLAGS, LABEL_FLAGS, stringFlag } from "../flags.js";

export const updateCommand: Command = {
  name: "update",
  summary: "Change a token's owner, admin flag, roles, expiry or labels",
  usage: [
    "pat update <id> [--owner <owner>] [--admin | --no-admin]",
    "               [--set-roles <role> ... | --clear-roles | --add-role <role> ... | --remove-role <role> ...]",
    "               [--expires-in <duration> | --expires-at <time> | --no-expiry]",
    "               [--name <name> | --clear-name] [--description <text> | --clear-description]",
    "               [--meta <key=value> ... | --clear-meta]",
  ],
  notes: [
    "Prints the record after the change. With --json: the record.",
    "--meta replaces the whole metadata map with the entries given.",
  ],
  flags: [
    stringFlag("owner", "<owner>", "new owner"),
    booleanFlag("admin", "make it an admin token, or not", { negatable: true }),
    stringFlag("set-roles", "<role>", "replace the roles; repeat for several", { multiple: true }),
    booleanFlag("clear-roles", "remove every role"),
    stringFlag("add-role", "<role>", "add a role (atomic, idempotent); repeat for several", {
      multiple: true,
    }),
    stringFlag("remove-role", "<role>", "remove a role (atomic, idempotent); repeat for several", {
      multiple: true,
    }),
    ...EXPIRY_FLAGS,
    booleanFlag("no-expiry", "never expire"),
    ...LABEL_FLAGS,
    booleanFlag("clear-name", "remove the name"),
    booleanFlag("clear-description", "remove the description"),
    booleanFlag("clear-meta", "remove every metadata entry"),
  ],
  maxPositionals: 1,
  http: true,
  async run(context) {
    const { values } = context;
    const tokenId = requireTokenId(context, "update");
    exclusive(values, ["admin", "no-admin"]);
    exclusive(values, ["set-roles", "clear-roles", "add-role", "remove-role"]);
    exclusive(values, ["name", "clear-name"]);
    exclusive(values, ["description", "clear-description"]);
    exclusive(values, ["meta", "clear-meta"]);
    const labels = labelsFromFlags(context);
    const expiresAt = expiryFromFlags(context);
    const owner = stringValue(values, "owner");
    const setRoles = listValue(values, "set-roles");
    const addRoles = listValue(values, "add-role");
    const removeRoles = listValue(values, "remove-role");
    const updates: UpdateInput = {
      ...(owner !== undefined ? { owner } : {}),
      ...(flag(values, "admin") ? { isAdmin: true } : {}),
      ...(flag(values, "no-admin") ? { isAdmin: false } : {}),
      ...(setRoles.length > 0 ? { roles: setRoles } : {}),
      ...(flag(values, "clear-roles") ? { roles: [] } : {}),
      ...(addRoles.length > 0 ? { roles: { add: addRoles } } : {}),
      ...(removeRoles.length > 0 ? { roles: { remove: removeRoles } } : {}),
      ...(expiresAt !== undefined ? { expiresAt } : {}),
      ...(flag(values, "no-expiry") ? { expiresAt: null } : {}),
      ...labels,
      ...(flag(values, "clear-name") ? { name: null } : {}),
      ...(flag(values, "clear-description") ? { description: null } : {}),
      ...(flag(values, "clear-meta") ? { metadata: null } : {}),
    };
    if (Object.keys(updates).length === 0) {
      throw usageError(
        "`pat update` needs at least one change: --owner, --admin, --no-admin, a roles option, an expiry option or a label option",
      );
    }
    await (await context.backend()).update(tokenId, updates);
    const record = await loadRecord(context, tokenId);
    return printRecord(context, record, { verb: "Updated", colour: "green" });
  },
};
