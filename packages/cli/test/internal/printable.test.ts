import { describe, expect, it } from "vitest";
import { createColours } from "../../src/internal/colour";
import { recordDetails, recordRow } from "../../src/internal/records";
import { stepLine } from "../../src/internal/sync/render";

const hostile = "a\nb\u001b[31mred\u202e";
const escaped = "a\\u000ab\\u001b[31mred\\u202e";
const record = {
  tokenId: "34NwRzvnBbgI3uedkrQ3Q",
  owner: hostile,
  isAdmin: false,
  roles: ["r\u0007", "ok"],
  createdAt: 1_700_000_000,
};

describe("text output of owners and roles", () => {
  it("escapes control and bidi characters in detail blocks and table rows, colours or not", () => {
    for (const colours of [createColours(false), createColours(true)]) {
      const details = recordDetails(record, 1_700_000_100, colours);
      expect(details).toContain(`  ${escaped}\n`);
      expect(details).toContain("r\\u0007, ok");
      expect(details).not.toContain("\u001b[31mred");
      expect(details).not.toContain("\u202e");
      expect(details).not.toContain("\u0007");
      const row = recordRow(record, 1_700_000_100, colours);
      expect(row[1]).toBe(escaped);
      expect(row[3]).toBe("r\\u0007,ok");
    }
  });

  it("escapes them in sync plan lines", () => {
    const line = stepLine(
      {
        action: "create",
        tokenId: record.tokenId,
        owner: hostile,
        input: { tokenId: record.tokenId, secretPhc: "x", owner: hostile, roles: ["\u009b2J"] },
      },
      createColours(false),
    );
    expect(line).toBe(`  create   ${record.tokenId}  ${escaped}: roles [\\u009b2J]`);
  });
});
