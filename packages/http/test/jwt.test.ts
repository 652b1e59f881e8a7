/** buildSignerVerifier and generateKeySet: validation of key sets and options, rotation. */
import { describe, expect, it } from "vitest";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { buildSignerVerifier, generateKeySet } from "../src/index.js";

const claims = { sub: "A".repeat(21), owner: "alice", admin: false, roles: [] };

async function expectConfigError(promise: Promise<unknown>, text: RegExp): Promise<void> {
  await expect(promise).rejects.toMatchObject({
    code: "INVALID_CONFIG",
    message: expect.stringMatching(text),
  });
}

describe("generateKeySet", () => {
  it.each(["EdDSA", "RS256", "ES256"] as const)(
    "makes a %s key set labelled with kid, alg and use",
    async (alg) => {
      const keySet = await generateKeySet("k1", alg);
      expect(keySet.active_kid).toBe("k1");
      expect(keySet.private_keys[0]).toMatchObject({ kid: "k1", alg, use: "sig" });
      expect(keySet.public_keys[0]).toMatchObject({ kid: "k1", alg, use: "sig" });
      expect(keySet.public_keys[0]).not.toHaveProperty("d");
    },
  );

  it("refuses an empty kid and an unknown algorithm", async () => {
    await expectConfigError(generateKeySet(""), /kid/);
    await expectConfigError(generateKeySet("k", "HS256" as "EdDSA"), /algorithm/);
  });
});

describe("buildSignerVerifier", () => {
  it("signs with the active key and verifies, with a 5-minute default TTL", async () => {
    const keySet = await generateKeySet("k1");
    const sv = await buildSignerVerifier({ keySet, issuer: "me" });
    const jwt = await sv.sign(claims);
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: "EdDSA", kid: "k1", typ: "JWT" });
    const payload = decodeJwt(jwt);
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(300);
    expect(sv.ttlSeconds).toBe(300);
    expect((await sv.verify(jwt)).payload).toMatchObject(claims);
  });

  it("verifies tokens of every public key during a rotation, and checks the audience", async () => {
    const old = await generateKeySet("old");
    const next = await generateKeySet("new", "ES256");
    const before = await buildSignerVerifier({ keySet: old, issuer: "me", audience: "api" });
    const rotated = await buildSignerVerifier({
      keySet: {
        active_kid: "new",
        private_keys: next.private_keys,
        public_keys: [...old.public_keys, ...next.public_keys],
      },
      issuer: "me",
      audience: "api",
    });
    const fromOld = await before.sign(claims);
    expect((await rotated.verify(fromOld)).protectedHeader.kid).toBe("old");
    expect((await rotated.verify(await rotated.sign(claims))).protectedHeader.kid).toBe("new");
    const otherAudience = await buildSignerVerifier({
      keySet: old,
      issuer: "me",
      audience: "other",
    });
    await expect(rotated.verify(await otherAudience.sign(claims))).rejects.toMatchObject({
      code: "ERR_JWT_CLAIM_VALIDATION_FAILED",
    });
    expect(rotated.jwks.keys.map((k) => k.kid)).toEqual(["old", "new"]);
  });

  it("refuses a token older than the TTL even when its exp is later", async () => {
    const keySet = await generateKeySet("k1");
    const long = await buildSignerVerifier({
      keySet,
      issuer: "me",
      ttl: "1d",
      clock: () => Date.now() - 3_600_000,
    });
    const short = await buildSignerVerifier({ keySet, issuer: "me", ttl: "5m" });
    await expect(short.verify(await long.sign(claims))).rejects.toMatchObject({
      code: "ERR_JWT_EXPIRED",
    });
  });

  it("issues tokens living longer than a day (ttl up to a year: 7d, 2w, 1y)", async () => {
    const keySet = await generateKeySet("k1");
    for (const [ttl, seconds] of [
      ["7d", 604_800],
      ["2w", 1_209_600],
      ["1y", 31_557_600],
    ] as const) {
      const sv = await buildSignerVerifier({ keySet, issuer: "me", ttl });
      const payload = decodeJwt(await sv.sign(claims));
      expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(seconds);
      expect(sv.ttlSeconds).toBe(seconds);
    }
  });

  it("accepts older tokens of another issuer sharing the key set up to maxTokenAge", async () => {
    const keySet = await generateKeySet("shared");
    // A server issuing one-hour tokens (as an @access-tokens/express app with ttl "1h" does),
    // whose token was issued 20 minutes ago.
    const hourly = await buildSignerVerifier({
      keySet,
      issuer: "me",
      ttl: "1h",
      clock: () => Date.now() - 20 * 60_000,
    });
    const token = await hourly.sign(claims);
    const strict = await buildSignerVerifier({ keySet, issuer: "me", ttl: "5m" });
    await expect(strict.verify(token)).rejects.toMatchObject({ code: "ERR_JWT_EXPIRED" });
    const tolerant = await buildSignerVerifier({
      keySet,
      issuer: "me",
      ttl: "5m",
      maxTokenAge: "1h",
    });
    expect((await tolerant.verify(token)).payload.owner).toBe("alice");
    const issued = decodeJwt(await tolerant.sign(claims));
    expect((issued.exp ?? 0) - (issued.iat ?? 0)).toBe(300);
  });

  it("refuses bad configurations with INVALID_CONFIG naming the problem", async () => {
    const keySet = await generateKeySet("k1");
    const [publicKey] = keySet.public_keys;
    const [privateKey] = keySet.private_keys;
    await expectConfigError(buildSignerVerifier({ keySet, issuer: "" }), /issuer/);
    await expectConfigError(buildSignerVerifier({ keySet, issuer: "me", ttl: "2y" }), /ttl/);
    await expectConfigError(
      buildSignerVerifier({ keySet, issuer: "me", ttl: "1h", maxTokenAge: "5m" }),
      /maxTokenAge must be at least ttl/,
    );
    await expectConfigError(
      buildSignerVerifier({ keySet, issuer: "me", maxTokenAge: "400d" }),
      /maxTokenAge/,
    );
    await expectConfigError(buildSignerVerifier({ keySet, issuer: "me", ttl: "soon" }), /ttl/);
    await expectConfigError(
      buildSignerVerifier({ keySet, issuer: "me", clockTolerance: 3600 }),
      /clockTolerance/,
    );
    await expectConfigError(
      buildSignerVerifier({ keySet: { ...keySet, active_kid: "nope" }, issuer: "me" }),
      /active_kid nope/,
    );
    await expectConfigError(
      buildSignerVerifier({ keySet: { ...keySet, public_keys: [privateKey ?? {}] }, issuer: "me" }),
      /private key material/,
    );
    await expectConfigError(
      buildSignerVerifier({
        keySet: { ...keySet, public_keys: [{ ...publicKey, alg: "HS256" }] },
        issuer: "me",
      }),
      /asymmetric/,
    );
    await expectConfigError(
      buildSignerVerifier({ keySet, issuer: "me", algorithms: ["none"] }),
      /asymmetric/,
    );
    await expectConfigError(
      buildSignerVerifier({
        keySet: { ...keySet, public_keys: [{ ...publicKey, kid: "other" }] },
        issuer: "me",
      }),
      /no public key has the active_kid/,
    );
  });
});
