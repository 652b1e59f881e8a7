/** Compatibility with @access-tokens/core at the real cost (ln=14) and default Pat parameters. */
import { afterAll, describe, expect, it } from "vitest";
import { generateTokenId } from "@pat/crypto";
import { MemoryTokenStore, Pat } from "../src/index.js";
import { theirPhc, theirToken, theirVerify } from "./support/access-tokens.js";
import { assertNoSecretLeaked, rememberSecret } from "./support/hygiene.js";

describe("compatibility with @access-tokens/core at default cost", () => {
  afterAll(() => assertNoSecretLeaked());

  it("verifies their ln=14 token, and they verify ours", async () => {
    const pat = new Pat({ store: new MemoryTokenStore() });
    const secret = Buffer.from(crypto.getRandomValues(new Uint8Array(32)));
    const tokenId = generateTokenId();
    const phc = theirPhc(secret, 14);
    rememberSecret(phc);
    rememberSecret(theirToken("pat_", tokenId, secret));
    await pat.register({ tokenId, secretPhc: phc, owner: "them" });
    expect((await pat.verify(theirToken("pat_", tokenId, secret))).valid).toBe(true);

    const { token, record } = await pat.issue({ owner: "us" });
    rememberSecret(token);
    const secretPhc = (await pat.store.get(record.tokenId))?.secretPhc ?? "";
    rememberSecret(secretPhc);
    expect(secretPhc).toMatch(/^\$scrypt\$ln=14,r=8,p=1\$/);
    expect(theirVerify(token.slice(token.indexOf(".") + 1), secretPhc)).toBe(true);
  });
});
