/** Query strings as the admin routes read them (`queryObject`) and the listing query schema. */
import { describe, expect, it } from "vitest";
import { listQuerySchema, queryObject } from "../src/internal/schemas.js";

describe("queryObject", () => {
  it("reads parameters named like Object.prototype members as plain parameters", () => {
    const query = queryObject("?constructor=x&toString=y&hasOwnProperty=z&__proto__=w&valueOf=");
    expect(Object.getPrototypeOf(query)).toBeNull();
    expect({ ...query }).toEqual({
      constructor: "x",
      toString: "y",
      hasOwnProperty: "z",
      ["__proto__"]: "w",
      valueOf: "",
    });
    expect(Object.prototype).not.toHaveProperty("w");
  });

  it("gives a list for a repeated parameter and for the bracket forms name[] and name[key]", () => {
    expect({ ...queryObject("?a=1&a=2&b[]=3&c[k]=4&d=5") }).toEqual({
      a: ["1", "2"],
      b: ["3"],
      c: ["4"],
      d: "5",
    });
  });
});

describe("listQuerySchema", () => {
  it("reads limit as decimal digits (leading zeros allowed), caps it at 1000, refuses the rest", () => {
    const limit = (value: string | string[]) => listQuerySchema.safeParse({ limit: value });
    expect(limit("010").data?.limit).toBe(10);
    expect(limit("5000").data?.limit).toBe(1000);
    expect(limit("9".repeat(40)).data?.limit).toBe(1000);
    for (const bad of ["0", "000", "-1", "1.5", "10abc", "", ["1"]]) {
      expect(limit(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
