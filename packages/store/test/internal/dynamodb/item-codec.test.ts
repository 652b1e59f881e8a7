import { marshall, unmarshall } from "@aws-sdk/util-dynamodb";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  conditionFailureItem,
  storedItem,
  unmarshallItem,
} from "../../../src/internal/dynamodb/item-codec.js";
import { makeRecord } from "../../../src/internal/conformance/fixtures.js";

const refusal = (extra: Record<string, unknown> = {}) => ({
  name: "ConditionalCheckFailedException",
  ...extra,
});

describe("unmarshallItem", () => {
  it("reads a token item exactly as lib-dynamodb's unmarshall does", () => {
    const value = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double({ noNaN: true, min: -1e15, max: 1e15 }),
      fc.boolean(),
      fc.constant(null),
      fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 5 }).map((a) => new Set(a)),
      // Types a token item never has: the whole item goes to `unmarshall`.
      fc.array(fc.integer(), { maxLength: 3 }),
      fc.bigInt({ min: 2n ** 60n, max: 2n ** 62n }),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z][A-Za-z]{0,7}$/), value), (item) => {
        const wire = marshall(item);
        expect(unmarshallItem(wire)).toEqual(unmarshall(wire));
      }),
    );
  });
});

describe("conditionFailureItem", () => {
  it("unmarshalls the ALL_OLD image the SDK leaves in wire form", () => {
    const item = {
      tokenId: "34NwRzvnBbgI3uedkrQ3Q",
      roles: new Set(["a"]),
      expiresAtBeforeRevoke: null,
    };
    expect(conditionFailureItem(refusal({ Item: marshall(item) }))).toEqual(item);
  });

  it("accepts an image that is native already, and null when there was no item", () => {
    const item = { tokenId: "34NwRzvnBbgI3uedkrQ3Q", createdAt: 5 };
    expect(conditionFailureItem(refusal({ Item: item }))).toEqual(item);
    expect(conditionFailureItem(refusal())).toBeNull();
  });
});

describe("storedItem", () => {
  it("writes roles as a String Set and leaves them out when there are none", () => {
    const record = makeRecord({ roles: ["reader", "writer"] });
    expect(storedItem(record)).toEqual({ ...record, roles: new Set(["reader", "writer"]) });
    expect(storedItem(makeRecord({ roles: [] }))).not.toHaveProperty("roles");
  });
});
