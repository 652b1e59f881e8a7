import { describe, expect, it } from "vitest";
import { generateTokenId } from "@pat/crypto";
import type { TokenRecord } from "../../src/index.js";
import { checkListOptions, listedRecords } from "../../src/internal/list-options.js";
import { expectPatError } from "../support/hygiene.js";

describe("checkListOptions", () => {
  it.each([
    ["no options", {}, {}],
    ["a limit without a filter (a page never needs more)", { limit: 7 }, { pageSize: 7 }],
    [
      "a limit with hasRole (the filter may skip records)",
      { limit: 7, hasRole: "a" },
      { hasRole: "a" },
    ],
    ["a batchLimit", { batchLimit: 4 }, { pageSize: 4 }],
    ["a batchLimit above the limit", { batchLimit: 10, limit: 3 }, { pageSize: 3 }],
    ["a batchLimit below the limit", { batchLimit: 2, limit: 5 }, { pageSize: 2 }],
    ["limit 0 (nothing is read)", { limit: 0 }, {}],
  ])("asks the store for %s", (_label, options, scan) => {
    expect(checkListOptions(options).scan).toEqual(scan);
  });

  it("passes afterTokenId on and reads includeSecretPhc as a boolean", () => {
    const afterTokenId = generateTokenId();
    expect(checkListOptions({ afterTokenId, includeSecretPhc: true })).toEqual({
      scan: { afterTokenId },
      limit: undefined,
      includeSecretPhc: true,
    });
    expect(checkListOptions({}).includeSecretPhc).toBe(false);
  });

  it.each([
    ["a negative limit", { limit: -1 }, "limit must be a non-negative integer (got -1)"],
    ["a fractional limit", { limit: 1.5 }, "limit must be a non-negative integer (got 1.5)"],
    [
      "a string limit",
      { limit: "3" },
      "limit must be a non-negative integer (got a string of 1 characters)",
    ],
    ["a batchLimit of 0", { batchLimit: 0 }, "batchLimit must be a positive integer (got 0)"],
    ["a malformed afterTokenId", { afterTokenId: "x" }, /^afterTokenId must be 21 characters/],
    ["an empty hasRole", { hasRole: "" }, /^hasRole must be a string of 1-100 characters/],
    [
      "a string includeSecretPhc",
      { includeSecretPhc: "yes" },
      /^includeSecretPhc must be a boolean/,
    ],
    ["options that are not an object", null, /^list options must be an object/],
  ])("refuses %s with INVALID_INPUT naming it", async (_label, options, message) => {
    await expectPatError(
      () => checkListOptions(options as Parameters<typeof checkListOptions>[0]),
      "INVALID_INPUT",
      message,
    );
  });
});

describe("listedRecords", () => {
  const records: TokenRecord[] = Array.from({ length: 5 }, (_, i) => ({
    tokenId: generateTokenId(),
    secretPhc: `phc-${i}`,
    owner: "o",
    isAdmin: false,
    createdAt: i,
  }));
  async function* source() {
    yield* records;
  }
  async function collect(options: Parameters<typeof checkListOptions>[0]) {
    const out = [];
    for await (const record of listedRecords(source(), checkListOptions(options))) out.push(record);
    return out;
  }

  it("yields at most limit records, none for limit 0", async () => {
    expect(await collect({ limit: 3 })).toHaveLength(3);
    expect(await collect({ limit: 0 })).toHaveLength(0);
    expect(await collect({})).toHaveLength(5);
  });

  it("yields fresh records without secretPhc unless asked", async () => {
    const plain = await collect({});
    expect(plain.every((record) => !("secretPhc" in record))).toBe(true);
    const full = await collect({ includeSecretPhc: true });
    expect(full).toEqual(records);
    expect(full[0]).not.toBe(records[0]);
  });
});
