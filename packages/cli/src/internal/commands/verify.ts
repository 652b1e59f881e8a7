/**
 * `pat verify <token>`: checks a token as a service would (prefix, format, hash, revoked,
 * expired) and exits 0 when it is valid, 1 with the reason when it is not. Like any successful
 * verify, it records `lastUsedAt`.
 */
import type { Command } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { failureStatus, recordDetails, verifyResultJson } from "../records.js";
import { tokenArgument, tokenUsage, TOKEN_NOTE } from "./shared.js";

/** What each refusal means, for people. */
export const REASON_TEXT: Readonly<Record<string, string>> = {
  invalid_prefix: "the token does not start with the configured prefix",
  invalid_format: "the token is malformed",
  not_found: "no token with this id exists",
  invalid_phc: "the stored hash is malformed",
  unsupported_algorithm: "the stored hash uses an unsupported algorithm",
  invalid_parameters: "the stored hash has out-of-range parameters",
  invalid_secret: "the secret does not match",
  revoked: "the token is revoked",
  expired: "the token has expired",
};

export const verifyCommand: Command = {
  name: "verify",
  summary: "Check a token: exit 0 if valid, 1 with the reason if not",
  usage: tokenUsage("verify"),
  notes: [
    TOKEN_NOTE,
    "With --json: {valid: true, record} or {valid: false, reason, record?}.",
    "The exit code is the verdict even when the output cannot be written (a closed pipe).",
  ],
  flags: [],
  maxPositionals: 1,
  http: false,
  async run(context) {
    const token = await tokenArgument(context, context.positionals[0], "verify");
    const result = await context.pat().verify(token);
    const now = context.now();
    const { out } = context;
    if (out.json) {
      out.writeJson(verifyResultJson(result, now));
    } else if (result.valid) {
      out.line(out.colours.green("valid"));
      out.line(recordDetails(result.record, now, out.colours));
    } else {
      out.line(
        `${out.colours.red("invalid")}: ${result.reason} (${REASON_TEXT[result.reason] ?? result.reason})`,
      );
      if (result.record !== undefined) {
        out.line(recordDetails(result.record, now, out.colours, failureStatus(result.reason)));
      }
    }
    return result.valid ? ExitCode.ok : ExitCode.failure;
  },
};
