/**
 * `pat update <id>`: changes owner, admin flag, roles or expiry in one atomic write (the
 * library's `update`), then prints the record as stored.
 */
import type { UpdateInput } from "../backend/backend.js";
import { exclusive, flag, listValue, stringValue } from "../args.js";
import type { Command } from "../context.js";
import { usageError } from "../exit-codes.js";
import { expiryFromFlags, loadRecord, printRecord, requireTokenId } from "./shared.js";
import { booleanFlag, EXPIRY_FLAGS, stringFlag } from "../flags.js";

export const updateCommand: Command = {
  name: "update",
  summary: "Change a token's owner, admin flag, roles or expiry",
  usage: [
    "pat update <id> [--owner <owner>] [--admin | --no-admin]",
    "               [--set-roles <role> ... | --clear-roles | --add-role <role> ... | --remove-role <role> ...]",
    "               [--expires-in <duration> | --expires-at <time> | --no-expiry]",
  ],
  notes: ["Prints the record after the change. With --json: the record."],
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
  ],
  maxPositionals: 1,
  http: true,
  async run(context) {
    const { values } = context;
    const tokenId = requireTokenId(context, "update");
    exclusive(values, ["admin", "no-admin"]);
    exclusive(values, ["set-roles", "clear-roles", "add-role", "remove-role"]);
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
    };
    if (Object.keys(updates).length === 0) {
      throw usageError(
        "`pat update` needs at least one change: --owner, --admin, --no-admin, a roles option or an expiry option",
      );
    }
    await (await context.backend()).update(tokenId, updates);
    const record = await loadRecord(context, tokenId);
    return printRecord(context, record, { verb: "Updated", colour: "green" });
  },
};
