/**
 * The two behaviours the README's security model writes down because they surprise: a stored
 * PHC string is not bound to its token id, and a corrupt stored record makes `verify` throw
 * `INVALID_RECORD` rather than answer. Also: a record stored with control characters in its owner
 * (before @pat refused them, or by other software) still verifies.
 */
import { generateTokenId } from "@pat/crypto";
import { afterAll, describe, expect, it } from "vitest";
import { MemoryTokenStore } from "../src/index.js";
import { T0, makePat, secretFixture } from "./support/behaviour/fixtures.js";
import { assertNoSecretLeaked, expectPatError } from "./support/hygiene.js";

afterAll(() => assertNoSecretLeaked());

function patOver(items: Map<string, Record<string, unknown>>) {
  return makePat(new MemoryTokenStore({ items })).pat;
}

describe("the security model", () => {
  it("does not bind a PHC string to a token id: the same hash under a second id verifies the same secret", async () => {
    const pat = patOver(new Map());
    const fixture = await secretFixture();
    const first = generateTokenId();
    const second = generateTokenId();
    await pat.register({ tokenId: first, secretPhc: fixture.phc, owner: "alice" });
    // Whoever may call register and has read one stored hash can mint a second id for it.
    await pat.register({
      tokenId: second,
      secretPhc: fixture.phc,
      owner: "mallory",
      isAdmin: true,
    });
    const original = await pat.verify(fixture.tokenFor(first));
    const copy = await pat.verify(fixture.tokenFor(second));
    expect(original).toMatchObject({ valid: true, record: { tokenId: first, owner: "alice" } });
    expect(copy).toMatchObject({
      valid: true,
      record: { tokenId: second, owner: "mallory", isAdmin: true },
    });
  });

  it("throws INVALID_RECORD from verify for a corrupt stored record instead of answering", async () => {
    const items = new Map<string, Record<string, unknown>>();
    const pat = patOver(items);
    const fixture = await secretFixture();
    const tokenId = generateTokenId();
    items.set(tokenId, {
      tokenId,
      secretPhc: fixture.phc,
      owner: "",
      isAdmin: false,
      createdAt: T0,
    });
    await expectPatError(
      pat.verify(fixture.tokenFor(tokenId)),
      "INVALID_RECORD",
      `Cannot load invalid record for token ${tokenId}: owner must be a string of 1-100 characters (got a string of 0 characters)`,
    );
  });

  it("verifies a stored record whose owner and roles hold control characters", async () => {
    const items = new Map<string, Record<string, unknown>>();
    const pat = patOver(items);
    const fixture = await secretFixture();
    const tokenId = generateTokenId();
    const owner = "a\nb\u001b[31mred";
    items.set(tokenId, {
      tokenId,
      secretPhc: fixture.phc,
      owner,
      isAdmin: false,
      roles: ["\u202eevil"],
      createdAt: T0,
    });
    expect(await pat.verify(fixture.tokenFor(tokenId))).toMatchObject({
      valid: true,
      record: { owner, roles: ["\u202eevil"] },
    });
  });
});
