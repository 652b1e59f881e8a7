/**
 * `pat rotate <id>`: replaces a token by a new one for the same owner, roles, admin flag and
 * expiry, and prints the new token once (as `pat issue` does). The old token stops working at
 * once, after `--grace <duration>`, or with `--until-first-use` when the new token is first
 * verified (with both: whichever comes first). After that it verifies as revoked.
 */
import { flag, stringValue } from "../args.js";
import type { Command } from "../context.js";
import { parseDuration } from "../duration.js";
import { ExitCode } from "../exit-codes.js";
import { booleanFlag, stringFlag } from "../flags.js";
import { recordDetails, recordJson } from "../records.js";
import { isoTime } from "../time.js";
import { requireTokenId } from "./shared.js";

export const rotateCommand: Command = {
  name: "rotate",
  summary: "Replace a token by a new one, with a grace period for the old",
  usage: ["pat rotate <id> [--grace <duration>] [--until-first-use]"],
  notes: [
    "The new token is printed once; store it now. It keeps the owner, roles, admin flag and expiry.",
    "Without --grace or --until-first-use the old token stops working at once.",
    "With --json: {token, record, previous: {tokenId, graceEndsAt, untilFirstUse}}.",
  ],
  flags: [
    stringFlag("grace", "<duration>", "let the old token keep working this long, e.g. 1h or 7d"),
    booleanFlag("until-first-use", "let the old token work until the new one is first used"),
  ],
  maxPositionals: 1,
  http: true,
  async run(context) {
    const tokenId = requireTokenId(context, "rotate");
    const grace = stringValue(context.values, "grace");
    const graceSeconds = grace === undefined ? undefined : parseDuration(grace, "--grace");
    const untilFirstUse = flag(context.values, "until-first-use");
    const now = context.now();
    const { token, record } = await (
      await context.backend()
    ).rotate(tokenId, {
      ...(graceSeconds !== undefined ? { graceSeconds } : {}),
      ...(untilFirstUse ? { untilFirstUse } : {}),
    });
    const graceEndsAt =
      graceSeconds === undefined ? (untilFirstUse ? null : now) : now + graceSeconds;
    if (context.out.json) {
      context.out.writeJson({
        token,
        record: recordJson(record, now),
        previous: { tokenId, graceEndsAt, untilFirstUse },
      });
      return ExitCode.ok;
    }
    const { colours } = context.out;
    context.out.line(colours.bold(token));
    context.out.line();
    context.out.line(recordDetails(record, now, colours));
    const firstUse = "until this token is first used";
    const until =
      graceEndsAt === null
        ? firstUse
        : graceEndsAt <= now
          ? undefined
          : `${untilFirstUse ? `${firstUse}, at most ` : ""}until ${isoTime(graceEndsAt)}`;
    context.out.note(
      until === undefined
        ? `The old token ${tokenId} no longer works.`
        : `The old token ${tokenId} keeps working ${until}.`,
    );
    context.out.note(context.out.errColours.yellow("This token is shown once: store it now."));
    return ExitCode.ok;
  },
};
