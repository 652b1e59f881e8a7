/**
 * `pat generate`: makes a token and its PHC hash without touching storage, for `pat register`
 * later or as a bootstrap secret (`PAT_BOOTSTRAP_PHC`). Needs no table and no AWS access.
 */
import { stringValue } from "../args.js";
import type { Command } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { renderPairs } from "../table.js";
import { stringFlag } from "../flags.js";

export const generateCommand: Command = {
  name: "generate",
  summary: "Make a token and its hash without storing anything",
  usage: ["pat generate [--id <id>]"],
  notes: [
    "Prints the token (once) and its PHC hash; give the hash to `pat register` or PAT_BOOTSTRAP_PHC.",
    "With --json: {token, tokenId, secretPhc}.",
  ],
  flags: [stringFlag("id", "<id>", "use this token id instead of a random one")],
  maxPositionals: 0,
  http: true,
  async run(context) {
    const tokenId = stringValue(context.values, "id");
    const result = await context.offlinePat().generate(tokenId !== undefined ? { tokenId } : {});
    const { out } = context;
    if (out.json) {
      out.writeJson({ token: result.token, tokenId: result.tokenId, secretPhc: result.secretPhc });
    } else {
      out.line(
        renderPairs(
          [
            ["token", out.colours.bold(result.token)],
            ["id", result.tokenId],
            ["hash", result.secretPhc],
          ],
          out.colours.dim,
        ),
      );
      out.note(out.errColours.yellow("Nothing was stored. The token is shown once: keep it now."));
    }
    return ExitCode.ok;
  },
};
