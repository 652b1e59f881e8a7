import { describe, expect, it } from "vitest";
import { colourEnabled, createColours } from "../../src/internal/colour";
import { renderTable, visibleWidth } from "../../src/internal/table";

describe("colourEnabled", () => {
  it("colours a TTY unless NO_COLOR is set or TERM is dumb", () => {
    expect(colourEnabled({ isTTY: true }, {})).toBe(true);
    expect(colourEnabled({ isTTY: true }, { NO_COLOR: "1" })).toBe(false);
    expect(colourEnabled({ isTTY: true }, { NO_COLOR: "" })).toBe(true);
    expect(colourEnabled({ isTTY: true }, { TERM: "dumb" })).toBe(false);
    expect(colourEnabled({ isTTY: false }, {})).toBe(false);
    expect(colourEnabled({}, { FORCE_COLOR: "1" })).toBe(true);
    expect(colourEnabled({}, { FORCE_COLOR: "0" })).toBe(false);
    expect(colourEnabled({ isTTY: true }, { FORCE_COLOR: "1", NO_COLOR: "1" })).toBe(false);
  });
});

describe("renderTable", () => {
  it("aligns columns by visible width, ignoring colour codes", () => {
    const colours = createColours(true);
    const table = renderTable(
      ["ID", "STATUS", "X"],
      [
        ["a", colours.red("revoked"), "1"],
        ["bbbb", "ok", "2"],
      ],
    );
    const lines = table.split("\n");
    expect(lines.map(visibleWidth)).toEqual([16, 16, 16]);
    expect(lines[0]).toBe("ID    STATUS   X");
  });
});
