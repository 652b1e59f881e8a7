/**
 * The rule on characters in owners and roles: a new owner or role holds no control character
 * (C0 U+0000–U+001F, DEL U+007F, C1 U+0080–U+009F) and no bidirectional formatting character
 * (the embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069, and the marks U+200E,
 * U+200F and U+061C). Owners and roles are printed on administrators' terminals and in logs, where
 * a control character can rewrite the screen (ESC sequences) or forge lines, and a bidi override
 * can make one string display as another (CVE-2021-42574, "Trojan Source").
 *
 * The rule applies to values being written (`issue`, `register`, `update`, `bootstrap`, the
 * store's `create` and `update`), never to what is read: records stored before the rule, or by
 * other software sharing the table, still load, list and verify, and can be found by owner or role
 * and have such a role removed. Printers show those values through
 * {@link escapeControlCharacters}.
 */
import { InvalidInputError } from "../../errors.js";
import type { RolesChange } from "../../port.js";
import type { CheckErrorClass } from "./checks.js";

/** Every character the rule refuses in a new owner or role. */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex
const UNPRINTABLE_ALL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * Throws unless `value` holds no control or bidirectional formatting character (see the module
 * comment). The message names the value, the code point and its position, never the text.
 *
 * @throws `Err` (default InvalidInputError, `INVALID_INPUT`):
 *   `owner must not contain control or bidirectional formatting characters (U+001B at index 1)`.
 * @example
 * ```ts
 * checkPrintable("alice@example.com", "owner"); // passes
 * ```
 */
export function checkPrintable(
  value: string,
  name: string,
  Err: CheckErrorClass = InvalidInputError,
): void {
  const found = UNPRINTABLE.exec(value);
  if (found !== null) {
    throw new Err(
      `${name} must not contain control or bidirectional formatting characters (${codePoint(found[0])} at index ${found.index})`,
    );
  }
}

/**
 * Applies {@link checkPrintable} to each role a roles value would write: every entry of a list
 * (a new record's roles, a replacing update) or of `{ add }`. The roles of `{ remove }` are not
 * checked, so a role stored before the rule can be removed.
 *
 * @throws `Err` (default InvalidInputError, `INVALID_INPUT`) naming the entry (`roles[2]`,
 *   `roles.add[0]`).
 * @example
 * ```ts
 * checkPrintableRoles({ add: ["reader"] });
 * ```
 */
export function checkPrintableRoles(
  roles: RolesChange | undefined,
  Err: CheckErrorClass = InvalidInputError,
): void {
  if (roles === undefined) return;
  const [list, name] = Array.isArray(roles)
    ? [roles as readonly string[], "roles"]
    : "add" in roles
      ? [roles.add, "roles.add"]
      : [[], "roles.remove"];
  list.forEach((role, i) => checkPrintable(role, `${name}[${i}]`, Err));
}

/**
 * `text` with every character the rule refuses written as a `\uXXXX` escape, for text output
 * (terminal tables, detail blocks, log lines). JSON output needs no such step: JSON escapes
 * controls itself. A backslash is left as it is.
 *
 * @example
 * ```ts
 * escapeControlCharacters("a\nb\u001b[31m"); // "a\\u000ab\\u001b[31m"
 * ```
 */
export function escapeControlCharacters(text: string): string {
  return text.replace(
    UNPRINTABLE_ALL,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
