import { describe, expect, it } from "vitest";
import { Progress, progressTiming } from "../../src/internal/output";

function sink(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, isTTY, write: (text: string) => writes.push(text) };
}

describe("Progress", () => {
  it("stays silent for short runs", () => {
    const out = sink(true);
    const progress = new Progress(out, "Listing", { afterMs: 60_000, everyMs: 0 });
    progress.update(1);
    progress.done();
    expect(out.writes).toEqual([]);
  });

  it("rewrites one line on a TTY and clears it when done", () => {
    const out = sink(true);
    const progress = new Progress(out, "Listing", { afterMs: 0, everyMs: 0 });
    progress.update(1);
    progress.update(2);
    progress.done();
    expect(out.writes).toEqual([
      "\r\u001b[2KListing: 1 so far",
      "\r\u001b[2KListing: 2 so far",
      "\r\u001b[2K",
    ]);
  });

  it("writes whole lines elsewhere", () => {
    const out = sink(false);
    const progress = new Progress(out, "Exporting", { afterMs: 0, everyMs: 0 });
    progress.update(7);
    progress.done();
    expect(out.writes).toEqual(["Exporting: 7 so far\n"]);
  });
});

describe("progressTiming", () => {
  it("reads whole milliseconds from the environment and ignores anything else", () => {
    expect(progressTiming({})).toEqual({ afterMs: 1_000, everyMs: 5_000 });
    expect(progressTiming({ PAT_PROGRESS_AFTER_MS: "0", PAT_PROGRESS_EVERY_MS: "250" })).toEqual({
      afterMs: 0,
      everyMs: 250,
    });
    expect(progressTiming({ PAT_PROGRESS_AFTER_MS: "-1", PAT_PROGRESS_EVERY_MS: "x" })).toEqual({
      afterMs: 1_000,
      everyMs: 5_000,
    });
  });
});
