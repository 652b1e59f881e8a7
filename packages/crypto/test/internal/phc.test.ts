import { deserialize, serialize } from "@phc/format";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePhc, PhcFormatError, serializePhc, type PhcObject } from "../../src/index.js";

const bytes = (...values: number[]) => new Uint8Array(values);

/** Reads @phc/format's Buffers as plain Uint8Arrays so objects compare with ours. */
function normalise(
  obj: { salt?: Uint8Array; hash?: Uint8Array } & Omit<PhcObject, "salt" | "hash">,
) {
  return {
    ...obj,
    ...(obj.salt ? { salt: new Uint8Array(obj.salt) } : {}),
    ...(obj.hash ? { hash: new Uint8Array(obj.hash) } : {}),
  };
}

/** @phc/format's serialize takes Buffers and mutates params; give it a copy. */
function theirSerialize(obj: PhcObject): string {
  return serialize({
    id: obj.id,
    ...(obj.version !== undefined ? { version: obj.version } : {}),
    ...(obj.params ? { params: { ...obj.params } } : {}),
    ...(obj.salt ? { salt: Buffer.from(obj.salt) } : {}),
    ...(obj.hash ? { hash: Buffer.from(obj.hash) } : {}),
  });
}

/**
 * Asserts @phc/format reads `input` as we did. Two documented deviations of @phc/format 1.0.0:
 * it crashes (Buffer.from(undefined)) on a string with neither params nor salt, such as
 * "$argon2id", and it drops a version of 0 when reading.
 */
function expectSameReading(input: string, ours: PhcObject) {
  if (ours.params === undefined && ours.salt === undefined) {
    expect(() => deserialize(input)).toThrow(TypeError);
    return;
  }
  const { version, ...rest } = ours;
  expect(normalise(version === 0 ? rest : ours)).toEqual(normalise(deserialize(input)));
}

function expectPhcError(input: string, message: string) {
  let caught: unknown;
  try {
    parsePhc(input);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(PhcFormatError);
  expect(caught).toMatchObject({ code: "INVALID_PHC", message });
}

const idArb = fc.stringMatching(/^[a-z0-9-]{1,32}$/);
// Names start with a letter so object key order is insertion order (no integer-like keys).
const nameArb = fc.stringMatching(/^[a-z][a-z0-9-]{0,31}$/).filter((n) => n !== "v");
const valueArb = fc.oneof(
  fc.stringMatching(/^[a-zA-Z0-9/+.-]{1,20}$/).filter((v) => !/^(-?[1-9][0-9]*|0)$/.test(v)),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 }),
  fc.maxSafeInteger(),
);
const phcObjectArb: fc.Arbitrary<PhcObject> = fc
  .record(
    {
      id: idArb,
      version: fc.nat({ max: 2 ** 31 }).filter((v) => v > 0),
      params: fc.dictionary(nameArb, valueArb, { minKeys: 1, maxKeys: 5 }),
      salt: fc.uint8Array({ minLength: 1, maxLength: 48 }),
      hash: fc.uint8Array({ minLength: 1, maxLength: 80 }),
    },
    { requiredKeys: ["id"] },
  )
  .map((obj) => {
    const { hash: _hash, ...rest } = obj;
    return obj.salt === undefined ? rest : obj;
  });

describe("parsePhc / serializePhc", () => {
  it("round-trips the scrypt form @access-tokens/core writes", () => {
    // Built with Node's own Base64 (not ours), so the round trip is checked against an
    // independent encoder; assembled at run time so no file holds a hash-shaped string.
    const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64").replace(/=+$/, "");
    const salt = Uint8Array.from({ length: 16 }, (_, i) => i);
    const hash = Uint8Array.from({ length: 32 }, (_, i) => 16 + i);
    const phc = `$scrypt$ln=14,r=8,p=1$${b64(salt)}$${b64(hash)}`;
    const parsed = parsePhc(phc);
    expect(parsed).toEqual({
      id: "scrypt",
      params: { ln: 14, r: 8, p: 1 },
      salt,
      hash,
    });
    expect(serializePhc(parsed)).toBe(phc);
  });

  it("reads every optional part in its place", () => {
    expect(parsePhc("$argon2id")).toEqual({ id: "argon2id" });
    expect(parsePhc("$argon2id$v=19")).toEqual({ id: "argon2id", version: 19 });
    expect(parsePhc("$x$v=0")).toEqual({ id: "x", version: 0 });
    expect(parsePhc("$x$a=b,c=-3,d=007")).toEqual({ id: "x", params: { a: "b", c: -3, d: "007" } });
    expect(parsePhc("$x$AQID")).toEqual({ id: "x", salt: bytes(1, 2, 3) });
    expect(parsePhc("$x$AQID$BA")).toEqual({ id: "x", salt: bytes(1, 2, 3), hash: bytes(4) });
    expect(parsePhc("$x$v=1$m=1$AQID$BA")).toEqual({
      id: "x",
      version: 1,
      params: { m: 1 },
      salt: bytes(1, 2, 3),
      hash: bytes(4),
    });
  });

  it("refuses malformed strings with a typed error naming the part", () => {
    expectPhcError("", "PHC string must start with $");
    expectPhcError("scrypt$ln=1", "PHC string must start with $");
    expectPhcError("$", "PHC id must be 1-32 chars of [a-z0-9-]");
    expectPhcError("$Scrypt", "PHC id must be 1-32 chars of [a-z0-9-]");
    expectPhcError(`$${"a".repeat(33)}`, "PHC id must be 1-32 chars of [a-z0-9-]");
    // empty parts
    expectPhcError("$scrypt$", "PHC salt must not be empty");
    expectPhcError("$scrypt$ln=1$", "PHC salt must not be empty");
    expectPhcError("$scrypt$$AQID", "PHC salt must not be empty");
    expectPhcError("$scrypt$ln=1$AQID$", "PHC hash must not be empty");
    expectPhcError(
      "$scrypt$ln=1,,r=1$AQID",
      "PHC parameters must be name=value pairs separated by commas",
    );
    expectPhcError("$scrypt$ln=$AQID", "PHC parameter values must be 1+ chars of [a-zA-Z0-9/+.-]");
    expectPhcError("$scrypt$=1$AQID", "PHC parameter names must be 1-32 chars of [a-z0-9-]");
    // duplicate and reserved params
    expectPhcError("$scrypt$ln=1,ln=2$AQID", "PHC parameter names must not repeat");
    expectPhcError("$scrypt$v=1,a=2", 'PHC parameter name "v" is reserved for the version field');
    expectPhcError("$scrypt$v=01", 'PHC parameter name "v" is reserved for the version field');
    expectPhcError(
      "$x$a=99999999999999999999",
      "PHC parameter value: decimal outside the safe integer range",
    );
    // bad base64: padding, URL alphabet, other characters, impossible length, stray bits
    expectPhcError("$x$AQI=", "PHC parameter names must be 1-32 chars of [a-z0-9-]");
    expectPhcError("$x$a=1$AQ==", "PHC salt must be canonical B64 (standard alphabet, no padding)");
    expectPhcError(
      "$x$a=1$AQID$BA==",
      "PHC hash must be canonical B64 (standard alphabet, no padding)",
    );
    expectPhcError("$x$a-_b", "PHC salt must be canonical B64 (standard alphabet, no padding)");
    expectPhcError("$x$a.bc", "PHC salt must be canonical B64 (standard alphabet, no padding)");
    expectPhcError("$x$AQIDB", "PHC salt must be canonical B64 (standard alphabet, no padding)");
    expectPhcError("$x$AB", "PHC salt must be canonical B64 (standard alphabet, no padding)");
    // too many fields
    expectPhcError("$x$v=1$a=1$AQID$BA$BA", "PHC string has unexpected fields");
    expectPhcError("$x$a=1$b=2", "PHC salt must be canonical B64 (standard alphabet, no padding)");
  });

  it("never repeats the input in an error message", () => {
    const secretish = "$scrypt$ln=14,r=8,p=1$c2VjcmV0c2VjcmV0$SECRETSECRETSECRET=";
    expect(() => parsePhc(secretish)).toThrow(PhcFormatError);
    try {
      parsePhc(secretish);
    } catch (error) {
      expect((error as Error).message).not.toContain("SECRET");
    }
  });

  it("refuses objects outside the grammar when serialising, without mutating them", () => {
    const cases: [unknown, string][] = [
      [{ id: "Bad" }, "PHC id must be 1-32 chars of [a-z0-9-]"],
      [{ id: "x", version: -1 }, "PHC version must be a non-negative safe integer"],
      [{ id: "x", params: {} }, "PHC params must not be empty (omit the field instead)"],
      [{ id: "x", params: { v: 1 } }, 'PHC parameter name "v" is reserved for the version field'],
      [{ id: "x", params: { A: 1 } }, "PHC parameter names must be 1-32 chars of [a-z0-9-]"],
      [{ id: "x", params: { a: 1.5 } }, 'PHC parameter "a": numbers must be safe integers'],
      [
        { id: "x", params: { a: "x=y" } },
        'PHC parameter "a": values must be 1+ chars of [a-zA-Z0-9/+.-]',
      ],
      [{ id: "x", salt: new Uint8Array(0) }, "PHC salt must not be empty"],
      [{ id: "x", hash: bytes(1) }, "PHC hash requires a salt"],
      [{ id: "x", salt: [1, 2] }, "PHC salt must be a Uint8Array"],
    ];
    for (const [obj, message] of cases) {
      expect(() => serializePhc(obj as PhcObject)).toThrow(message);
    }
    const params = { ln: 14, r: 8, p: 1 };
    serializePhc({ id: "scrypt", params });
    expect(params).toEqual({ ln: 14, r: 8, p: 1 });
    expect(() => serializePhc(null as unknown as PhcObject)).toThrow(TypeError);
  });

  it("writes the same bytes as @phc/format and reads them back (differential)", () => {
    fc.assert(
      fc.property(phcObjectArb, (obj) => {
        const ours = serializePhc(obj);
        expect(ours).toBe(theirSerialize(obj));
        expect(parsePhc(ours)).toEqual(obj);
        expectSameReading(ours, parsePhc(ours));
      }),
      { numRuns: 1000 },
    );
  });

  it("reads any string it accepts exactly as @phc/format does (differential)", () => {
    const phcLike = fc
      .array(
        fc.oneof(
          fc.constantFrom(
            "$",
            "=",
            ",",
            "v=1",
            "v=0",
            "ln=14",
            "AQID",
            "BA",
            "-",
            ".",
            "/",
            "+",
            "scrypt",
          ),
          fc.stringMatching(/^[a-zA-Z0-9]{1,6}$/),
        ),
        { maxLength: 12 },
      )
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(fc.oneof(phcLike, fc.string()), (input) => {
        let ours: PhcObject;
        try {
          ours = parsePhc(input);
        } catch (error) {
          expect(error).toBeInstanceOf(PhcFormatError);
          return;
        }
        expectSameReading(input, ours);
      }),
      { numRuns: 5000 },
    );
  });

  it("is total on arbitrary strings: a PhcObject or a PhcFormatError, nothing else", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (input) => {
        try {
          const obj = parsePhc(input);
          expect(typeof obj.id).toBe("string");
        } catch (error) {
          expect(error).toBeInstanceOf(PhcFormatError);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("throws TypeError for a non-string", () => {
    expect(() => parsePhc(undefined as unknown as string)).toThrow(TypeError);
  });
});
