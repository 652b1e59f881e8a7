import { describe, expect, it } from "vitest";
import {
  BASE62,
  generateTokenId,
  isValidTokenId,
  parseToken,
  TOKEN_ID_LENGTH,
  TOKEN_ID_PATTERN,
} from "../../src/index.js";

const ID = "34NwRzvnBbgI3uedkrQ3Q";

describe("the token id grammar", () => {
  it("is 21 characters of the 62 symbols [A-Za-z0-9]", () => {
    expect(TOKEN_ID_LENGTH).toBe(21);
    expect([...BASE62].sort().join("")).toBe(
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    );
    expect(TOKEN_ID_PATTERN.test(BASE62.slice(0, TOKEN_ID_LENGTH))).toBe(true);
    expect(TOKEN_ID_PATTERN.test(BASE62.slice(0, TOKEN_ID_LENGTH - 1))).toBe(false);
  });

  it("accepts exactly 21 base62 chars as a token id", () => {
    expect(isValidTokenId(ID)).toBe(true);
    expect([ID.slice(1), `${ID}a`, `${ID.slice(1)}_`, null].some(isValidTokenId)).toBe(false);
  });

  it("is what generateTokenId makes and parseToken reads", () => {
    for (let i = 0; i < 100; i++) {
      const id = generateTokenId();
      expect(isValidTokenId(id)).toBe(true);
      expect(parseToken("pat_", `pat_${id}.${"A".repeat(43)}`)).toMatchObject({ tokenId: id });
    }
  });
});
