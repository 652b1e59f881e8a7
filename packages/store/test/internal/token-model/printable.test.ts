import { describe, expect, it } from "vitest";
import { InvalidRecordError } from "../../../src/errors.js";
import {
  checkPrintable,
  checkPrintableRoles,
  escapeControlCharacters,
  validateRecord,
} from "../../../src/internal/token-model/index.js";
import { makeRecord } from "../../../src/internal/conformance/fixtures.js";

const REFUSED = [
  "\u0000",
  "\n",
  "\t",
  "\u001b",
  "\u007f",
  "\u0085",
  "\u009b",
  "\u202e",
  "\u2066",
  "\u200f",
  "\u061c",
];

describe("the printable rule of new owners and roles", () => {
  it("refuses every C0/C1 control and bidi formatting character, naming the code point", () => {
    for (const char of REFUSED) {
      expect(() => checkPrintable(`ab${char}c`, "owner"), JSON.stringify(char)).toThrow(
        `owner must not contain control or bidirectional formatting characters (U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")} at index 2)`,
      );
    }
    expect(() => checkPrintable("a\nb\u001b[31mred", "owner")).toThrowError(
      expect.objectContaining({ code: "INVALID_INPUT" }),
    );
  });

  it("accepts ordinary text, including non-Latin scripts, emoji and spaces", () => {
    for (const text of [
      "alice@example.com",
      "Zoë Ångström",
      "日本語",
      "مرحبا",
      "team 🚀",
      "a\\u001b",
    ]) {
      expect(() => checkPrintable(text, "owner")).not.toThrow();
    }
  });

  it("checks the roles a change would write, never those it removes", () => {
    expect(() => checkPrintableRoles(["ok", "b\u001bad"])).toThrow(/^roles\[1\] must not contain/);
    expect(() => checkPrintableRoles({ add: ["\u202e"] })).toThrow(/^roles\.add\[0\] must not/);
    expect(() => checkPrintableRoles({ remove: ["b\u001bad"] })).not.toThrow();
    expect(() => checkPrintableRoles(undefined)).not.toThrow();
  });

  it("is applied to records about to be stored, not to records loaded", () => {
    const record = { ...makeRecord(), owner: "a\u001b[2Jb", roles: ["r\n"] };
    expect(validateRecord(record, "load")).toMatchObject({ owner: "a\u001b[2Jb", roles: ["r\n"] });
    expect(() => validateRecord(record, "store")).toThrowError(InvalidRecordError);
    expect(() => validateRecord(record, "store")).toThrow(
      "Cannot store invalid token record: owner must not contain control or bidirectional formatting characters (U+001B at index 1)",
    );
  });

  it("escapes the same characters for text output", () => {
    expect(escapeControlCharacters("a\nb\u001b[31mred\u202e\u0085")).toBe(
      "a\\u000ab\\u001b[31mred\\u202e\\u0085",
    );
    expect(escapeControlCharacters("plain \\ text é")).toBe("plain \\ text é");
  });
});
