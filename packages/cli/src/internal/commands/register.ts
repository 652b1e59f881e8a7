/**
 * `pat register`: stores a token made elsewhere (e.g. by `pat generate`) from its id and PHC
 * hash. The secret never passes through this command; the hash is validated by the library.
 */
import { flag, listValue, stringValue } from "../args.js";
import type { Command } from "../context.js";
import { usageError } from "../exit-codes.js";
import { expiryFromFlags, labelsFromFlags, printRecord } from "./shared.js";
import { ADMIN_FLAG, EXPIRY_FLAGS, LABEL_FLAGS, ROLE_FLAG, stringFlag } from "../flags.js";

export const registerCommand: Command = {
  name: "register",
  summary: "Store a pre-generated token from its id and hash",
  usage: [
    "pat register --id <id> --phc <phc | -> --owner <owner> [--admin] [--role <role> ...] [--expires-in <duration> | --expires-at <time>]",
    "             [--name <name>] [--description <text>] [--meta <key=value> ...]",
  ],
  notes: ["With --json: the record as stored (without the hash)."],
  flags: [
    stringFlag("id", "<id>", "the token id (required)"),
    stringFlag(
      "phc",
      "<phc>",
      "the scrypt PHC hash of its secret; - reads it from stdin (required)",
    ),
    stringFlag("owner", "<owner>", "who the token belongs to (required)"),
    ADMIN_FLAG,
    ROLE_FLAG,
    ...EXPIRY_FLAGS,
    ...LABEL_FLAGS,
  ],
  maxPositionals: 0,
  http: true,
  async run(context) {
    const { values } = context;
    const tokenId = stringValue(values, "id");
    const phcFlag = stringValue(values, "phc");
    const owner = stringValue(values, "owner");
    const missing = [
      tokenId === undefined ? "--id" : undefined,
      phcFlag === undefined ? "--phc" : undefined,
      owner === undefined ? "--owner" : undefined,
    ].filter((name) => name !== undefined);
    if (tokenId === undefined || phcFlag === undefined || owner === undefined) {
      throw usageError(`\`pat register\` needs ${missing.join(", ")}`);
    }
    const expiresAt = expiryFromFlags(context);
    const secretPhc = phcFlag === "-" ? await context.readStdin("PHC hash") : phcFlag;
    const roles = listValue(values, "role");
    const labels = labelsFromFlags(context);
    const record = await (
      await context.backend()
    ).register({
      tokenId,
      secretPhc,
      owner,
      isAdmin: flag(values, "admin"),
      ...(roles.length > 0 ? { roles } : {}),
      ...(expiresAt !== undefined ? { expiresAt } : {}),
      ...labels,
    });
    return printRecord(context, record, { verb: "Registered", colour: "green" });
  },
};
