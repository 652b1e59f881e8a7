/**
 * `pat register`: stores a token made elsewhere (e.g. by `pat generate`) from its id and PHC
 * hash. The secret never passes through this command; the hash is validated by the library.
 */
import { flag, listValue, stringValue } from "../args.js";
import type { Command } from "../context.js";
import { ExitCode, usageError } from "../exit-codes.js";
import { recordDetails, recordJson } from "../records.js";
import { expiryFromFlags } from "./shared.js";

export const registerCommand: Command = {
  name: "register",
  summary: "Store a pre-generated token from its id and hash",
  usage: [
    "pat register --id <id> --phc <phc | -> --owner <owner> [--admin] [--role <role> ...] [--expires-in <duration> | --expires-at <time>]",
  ],
  optionHelp: [
    ["--id <id>", "the token id (required)"],
    ["--phc <phc>", "the scrypt PHC hash of its secret; - reads it from stdin (required)"],
    ["--owner <owner>", "who the token belongs to (required)"],
    ["--admin", "make it an admin token"],
    ["--role <role>", "give it a role; repeat for several"],
    ["--expires-in <duration>", "expire after a duration: 30d, 12h, 2w"],
    ["--expires-at <time>", "expire at an ISO 8601 time"],
  ],
  notes: ["With --json: the record as stored (without the hash)."],
  options: {
    id: { type: "string" },
    phc: { type: "string" },
    owner: { type: "string" },
    admin: { type: "boolean" },
    role: { type: "string", multiple: true },
    "expires-in": { type: "string" },
    "expires-at": { type: "string" },
  },
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
    const record = await (
      await context.backend()
    ).register({
      tokenId,
      secretPhc,
      owner,
      isAdmin: flag(values, "admin"),
      ...(roles.length > 0 ? { roles } : {}),
      ...(expiresAt !== undefined ? { expiresAt } : {}),
    });
    const now = context.now();
    if (context.out.json) context.out.writeJson(recordJson(record, now));
    else {
      context.out.line(`${context.out.colours.green("Registered")} ${tokenId}`);
      context.out.line(recordDetails(record, now, context.out.colours));
    }
    return ExitCode.ok;
  },
};
