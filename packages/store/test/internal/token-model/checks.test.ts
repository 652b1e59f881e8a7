import { describe, expect, it } from "vitest";
import {
  InvalidConfigError,
  InvalidInputError,
  InvalidRecordError,
  type PatError,
} from "../../../src/errors.js";
import {
  checkBoolean,
  checkOwner,
  checkRole,
  checkRoleCount,
  checkRoles,
  checkRolesChange,
  checkSecretPhc,
  checkTime,
  checkTokenId,
  checkTokenIdList,
  MAX_BATCH_IDS,
} from "../../../src/internal/token-model/index.js";

function thrown(fn: () => unknown): PatError {
  try {
    fn();
  } catch (error) {
    return error as PatError;
  }
  throw new Error("expected a throw");
}

describe("the checkers of the token model", () => {
  it("throw the error class they are given, INVALID_INPUT by default", () => {
    expect(thrown(() => checkOwner(""))).toBeInstanceOf(InvalidInputError);
    expect(thrown(() => checkOwner("", "owner", InvalidRecordError))).toMatchObject({
      code: "INVALID_RECORD",
      name: "InvalidRecordError",
    });
    expect(thrown(() => checkTime(-1, "clock", InvalidConfigError))).toMatchObject({
      code: "INVALID_CONFIG",
    });
  });

  it("name the value as the caller knows it, the bound, and what was given, never its content", () => {
    const cases: [() => unknown, string][] = [
      [
        () => checkTokenId("abc", "tokenIds[1]"),
        "tokenIds[1] must be 21 characters of [A-Za-z0-9] (got a string of 3 characters)",
      ],
      [
        () => checkOwner("o".repeat(101)),
        "owner must be a string of 1-100 characters (got a string of 101 characters)",
      ],
      [() => checkRole(7, "hasRole"), "hasRole must be a string of 1-100 characters (got 7)"],
      [
        () => checkTime(1.5, "expiresAt"),
        "expiresAt must be a non-negative integer of Unix seconds (got 1.5)",
      ],
      [
        () => checkTime("soon", "expiresAt"),
        "expiresAt must be a non-negative integer of Unix seconds (got a string of 4 characters)",
      ],
      [
        () => checkBoolean("yes", "isAdmin"),
        "isAdmin must be a boolean (got a string of 3 characters)",
      ],
      [
        () => checkSecretPhc(""),
        "secretPhc must be a string of 1-200 characters (got a string of 0 characters)",
      ],
      [
        () => checkRoles("admin"),
        "roles must be an array of strings (got a string of 5 characters)",
      ],
      [
        () => checkRoles(["a", ""]),
        "roles[1] must be a string of 1-100 characters (got a string of 0 characters)",
      ],
      [
        () => checkRoles(Array.from({ length: 51 }, (_, i) => `r${i}`)),
        "roles must hold at most 50 roles (got 51)",
      ],
      [() => checkRoleCount(51), "roles would hold more than 50 roles"],
    ];
    for (const [fn, message] of cases) {
      expect(thrown(fn)).toMatchObject({ code: "INVALID_INPUT", message });
    }
    checkBoolean(undefined, "isAdmin");
    checkRoleCount(50);
  });

  it("refuse a repeated role in a list, and drop repeats only from an add or remove", () => {
    expect(thrown(() => checkRoles(["a", "b", "a"]))).toMatchObject({
      code: "INVALID_INPUT",
      message: "roles[2] duplicates an earlier role (each role may appear once)",
    });
    expect(checkRoles(new Set(["a", "b"]))).toEqual(["a", "b"]);
    expect(checkRolesChange(["a", "b"])).toEqual(["a", "b"]);
    expect(() => checkRolesChange(["a", "a"])).toThrow(/roles\[1\] duplicates an earlier role/);
    expect(checkRolesChange({ add: ["a", "a", "b"] })).toEqual({ add: ["a", "b"] });
    expect(checkRolesChange({ remove: ["a", "a"] })).toEqual({ remove: ["a"] });
  });

  it("check a roles change: one of replace, add or remove, an empty add or remove a no-op", () => {
    expect(checkRolesChange([])).toEqual([]);
    expect(checkRolesChange({ add: [] })).toBeUndefined();
    expect(checkRolesChange({ remove: [] })).toBeUndefined();
    expect(thrown(() => checkRolesChange({ add: ["x"], remove: ["y"] }))).toMatchObject({
      code: "INVALID_INPUT",
      message: "roles cannot add and remove in one update; use two updates",
    });
    expect(thrown(() => checkRolesChange("admin"))).toMatchObject({
      message:
        "roles must be an array, { add: [...] } or { remove: [...] } (got a string of 5 characters)",
    });
    expect(thrown(() => checkRolesChange({}))).toMatchObject({
      message: "roles must be an array, { add: [...] } or { remove: [...] }",
    });
    expect(thrown(() => checkRolesChange({ remove: [""] }))).toMatchObject({
      message:
        "roles.remove[0] must be a string of 1-100 characters (got a string of 0 characters)",
    });
  });
});

describe("checkTokenIdList", () => {
  const id = "34NwRzvnBbgI3uedkrQ3Q";

  it("reads an array, a Set or a generator into an array of checked ids", () => {
    expect(checkTokenIdList([id, id])).toEqual([id, id]);
    expect(checkTokenIdList(new Set([id]))).toEqual([id]);
    expect(
      checkTokenIdList(
        (function* () {
          yield id;
        })(),
      ),
    ).toEqual([id]);
    expect(checkTokenIdList(Array.from({ length: MAX_BATCH_IDS }, () => id))).toHaveLength(
      MAX_BATCH_IDS,
    );
  });

  it("refuses an endless generator after MAX_BATCH_IDS reads and closes it", () => {
    let reads = 0;
    let closed = false;
    function* endless(): Generator<string> {
      try {
        for (;;) {
          reads += 1;
          yield id;
        }
      } finally {
        closed = true;
      }
    }
    const error = thrown(() => checkTokenIdList(endless()));
    expect(error).toMatchObject({
      code: "INVALID_INPUT",
      message: "tokenIds must hold at most 10000 token ids (got more)",
    });
    expect(reads).toBe(MAX_BATCH_IDS + 1);
    expect(closed).toBe(true);
  });

  it("refuses a malformed id when it is read, naming its position and not its text", () => {
    let reads = 0;
    function* source(): Generator<unknown> {
      reads += 1;
      yield id;
      reads += 1;
      yield "secret-looking-junk";
      for (;;) {
        reads += 1;
        yield id;
      }
    }
    const error = thrown(() => checkTokenIdList(source(), "ids"));
    expect(error.message).toBe(
      "ids[1] must be 21 characters of [A-Za-z0-9] (got a string of 19 characters)",
    );
    expect(reads).toBe(2);
    expect(thrown(() => checkTokenIdList([id, 7])).message).toBe(
      "tokenIds[1] must be 21 characters of [A-Za-z0-9] (got 7)",
    );
  });

  it("refuses a string, null and non-iterables, with the error class it is given", () => {
    expect(thrown(() => checkTokenIdList(id)).message).toBe(
      "tokenIds must be an iterable of token ids, such as an array or a Set (got a string of 21 characters)",
    );
    expect(thrown(() => checkTokenIdList(null)).code).toBe("INVALID_INPUT");
    expect(thrown(() => checkTokenIdList({ length: 1 }, "ids", InvalidRecordError)).code).toBe(
      "INVALID_RECORD",
    );
  });
});
