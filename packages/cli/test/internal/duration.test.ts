import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration } from "../../src/internal/duration";

describe("parseDuration", () => {
  it("reads one or more unit groups, largest first", () => {
    expect(parseDuration("45s", "--x")).toBe(45);
    expect(parseDuration("5m", "--x")).toBe(300);
    expect(parseDuration("12h", "--x")).toBe(43_200);
    expect(parseDuration("90d", "--x")).toBe(7_776_000);
    expect(parseDuration("2w", "--x")).toBe(1_209_600);
    expect(parseDuration("1w2d3h4m5s", "--x")).toBe(604_800 + 172_800 + 10_800 + 240 + 5);
    expect(parseDuration(" 1H30M ", "--x")).toBe(5_400);
  });

  it("refuses malformed text, naming the flag and the accepted form", () => {
    const cases: [string, string][] = [
      ["", "it is empty"],
      ["90", 'unexpected "90"'],
      ["d", 'unexpected "d"'],
      ["9q", 'unknown unit "q"'],
      ["3y", '"y" is not supported'],
      ["1mo", '"mo" is not supported'],
      ["1d1d", "units must appear once each, largest first"],
      ["1m1h", "units must appear once each, largest first"],
      ["0s", "it must be greater than zero"],
      ["-1d", 'unexpected "-1d"'],
      ["1.5d", 'unexpected "1.5d"'],
      ["5300w", "it is longer than 100 years"],
      ["9999999999999d", "longer than"],
    ];
    for (const [text, why] of cases) {
      expect(() => parseDuration(text, "--expires-in"), text).toThrow(
        expect.objectContaining({
          exitCode: 2,
          message: expect.stringContaining(`Invalid duration "${text}" for --expires-in: ${why}`),
        }),
      );
    }
  });
});

describe("formatDuration", () => {
  it("writes at most two adjacent units, rounding down", () => {
    expect(formatDuration(0)).toBe("0s");
    expect(formatDuration(59)).toBe("59s");
    expect(formatDuration(5_400)).toBe("1h30m");
    expect(formatDuration(7_776_000)).toBe("90d");
    expect(formatDuration(93_784)).toBe("1d2h");
    expect(formatDuration(86_400 + 180)).toBe("1d");
  });
});
