/**
 * The Pat behaviour suite, generate, issue and register: what is stored, what is answered, and
 * which arguments are refused before anything is written (including stored hashes this instance
 * could not verify).
 */
import { describe, expect, it } from "vitest";
import { generateTokenId, randomBytes, serializePhc, verifySecret } from "@pat/crypto";
import { type Pat } from "../../../src/index.js";
import { expectPatError, rememberSecret } from "../hygiene.js";
import {
  ARGON2_PHC,
  LN40_PHC,
  OVERLONG_PHC,
  T0,
  secretFixture,
  TEST_SCRYPT,
  type BehaviourContext,
} from "./fixtures.js";

/** Registers this group of the behaviour suite (see `index.ts`). */
export function describeCreate(context: BehaviourContext): void {
  const { setup, issued } = context;
  describe("generate", () => {
    it("makes a token whose secret matches the PHC and stores nothing", async () => {
      const { pat, store } = await setup();
      const { token, tokenId, secretPhc } = await pat.generate();
      rememberSecret(token);
      rememberSecret(secretPhc);
      expect(token).toMatch(/^pat_[A-Za-z0-9]{21}\.[A-Za-z0-9_-]{43}$/);
      expect(token.slice(4, 25)).toBe(tokenId);
      expect(secretPhc).toMatch(/^\$scrypt\$ln=4,r=8,p=1\$/);
      const secret = Buffer.from(token.slice(26), "base64url");
      expect((await verifySecret(secret, secretPhc)).ok).toBe(true);
      expect(await store.get(tokenId)).toBeNull();
    });

    it("uses a given token id and refuses a malformed one", async () => {
      const { pat } = await setup();
      const tokenId = generateTokenId();
      expect((await pat.generate({ tokenId })).tokenId).toBe(tokenId);
      await expectPatError(pat.generate({ tokenId: "short" }), "INVALID_INPUT", /tokenId/);
    });
  });

  describe("issue", () => {
    it("stores the record and answers the token once", async () => {
      const { pat, store } = await setup();
      const { token, record } = await issued(pat, {
        owner: "alice@example.com",
        isAdmin: true,
        roles: ["reader", "writer"],
        expiresAt: T0 + 3600,
      });
      expect(record).toMatchObject({
        owner: "alice@example.com",
        isAdmin: true,
        createdAt: T0,
        expiresAt: T0 + 3600,
      });
      expect([...(record.roles ?? [])].sort()).toEqual(["reader", "writer"]);
      expect(token.startsWith(`pat_${record.tokenId}.`)).toBe(true);
      expect(record).not.toHaveProperty("secretPhc");
      expect(record).not.toHaveProperty("revokedAt");
      const stored = await store.get(record.tokenId);
      expect(stored?.secretPhc).toMatch(/^\$scrypt\$ln=4,r=8,p=1\$/);
      // The answered record is the stored one minus the hash.
      const sortedRoles = (r: { roles?: readonly string[] } | null | undefined) =>
        [...(r?.roles ?? [])].sort();
      expect({ ...stored, secretPhc: undefined, roles: sortedRoles(stored) }).toEqual({
        ...record,
        roles: sortedRoles(record),
      });
      expect(stored?.lastUsedAt).toBeUndefined();
      expect(stored?.revokedAt).toBeUndefined();
    });

    it("defaults isAdmin to false and roles to none", async () => {
      const { pat } = await setup();
      const { record } = await issued(pat, { owner: "bob" });
      expect(record.isAdmin).toBe(false);
      expect(record).not.toHaveProperty("roles");
      expect(record).not.toHaveProperty("expiresAt");
    });

    it("lets exactly one of concurrent issues with one token id succeed", async () => {
      const { pat } = await setup();
      const tokenId = generateTokenId();
      const outcomes = await Promise.allSettled(
        Array.from({ length: 5 }, () => pat.issue({ owner: "race", tokenId })),
      );
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      for (const o of outcomes) {
        if (o.status === "fulfilled") {
          rememberSecret(o.value.token);
          rememberSecret((await pat.store.get(o.value.record.tokenId))?.secretPhc ?? "");
        }
      }
      for (const o of outcomes.filter((o) => o.status === "rejected")) {
        await expectPatError(
          Promise.reject(o.reason),
          "TOKEN_EXISTS",
          `Token ID already exists: ${tokenId}`,
        );
      }
    });

    it.each([
      ["an empty owner", { owner: "" }, /owner/],
      ["an owner of 101 characters", { owner: "o".repeat(101) }, /owner.*1-100/],
      [
        "51 roles",
        { owner: "x", roles: Array.from({ length: 51 }, (_, i) => `r${i}`) },
        /at most 50/,
      ],
      ["an empty role", { owner: "x", roles: [""] }, /roles\[0\]/],
      ["a role of 101 characters", { owner: "x", roles: ["r".repeat(101)] }, /roles\[0\]/],
      ["a negative expiresAt", { owner: "x", expiresAt: -1 }, /expiresAt/],
      ["a fractional expiresAt", { owner: "x", expiresAt: 1.5 }, /expiresAt/],
      ["a string expiresAt", { owner: "x", expiresAt: "soon" }, /expiresAt/],
      ["a malformed tokenId", { owner: "x", tokenId: "abc.def" }, /tokenId/],
      ["a non-boolean isAdmin", { owner: "x", isAdmin: "yes" }, /isAdmin/],
      // Roles are a set; the store refuses a repeated role, and so does every layer above it.
      [
        "a repeated role",
        { owner: "x", roles: ["reader", "writer", "reader"] },
        /^roles\[2\] duplicates an earlier role/,
      ],
    ])("refuses %s with INVALID_INPUT and writes nothing", async (_label, params, message) => {
      const { pat, store } = await setup();
      await expectPatError(
        pat.issue(params as unknown as Parameters<Pat["issue"]>[0]),
        "INVALID_INPUT",
        message,
      );
      expect(await store.isEmpty()).toBe(true);
    });
  });

  describe("register", () => {
    it("stores a generated token that then verifies", async () => {
      const { pat } = await setup();
      const { token, tokenId, secretPhc } = await pat.generate();
      rememberSecret(token);
      rememberSecret(secretPhc);
      const record = await pat.register({ tokenId, secretPhc, owner: "ci", roles: ["deploy"] });
      expect(record).toMatchObject({
        tokenId,
        secretPhc,
        owner: "ci",
        isAdmin: false,
        roles: ["deploy"],
        createdAt: T0,
      });
      expect((await pat.verify(token)).valid).toBe(true);
    });

    it("refuses a repeated role with INVALID_INPUT, as the store does, and writes nothing", async () => {
      const { pat, store } = await setup();
      const { tokenId, secretPhc } = await pat.generate();
      rememberSecret(secretPhc);
      await expectPatError(
        pat.register({ tokenId, secretPhc, owner: "ci", roles: ["deploy", "deploy"] }),
        "INVALID_INPUT",
        "roles[1] duplicates an earlier role (each role may appear once)",
      );
      await expectPatError(
        store.create({
          tokenId,
          secretPhc,
          owner: "ci",
          isAdmin: false,
          roles: ["deploy", "deploy"],
          createdAt: T0,
        }),
        "INVALID_RECORD",
        /duplicates an earlier role/,
      );
      expect(await store.isEmpty()).toBe(true);
    });

    it("refuses control and bidi characters in a new owner or role with INVALID_INPUT", async () => {
      const fixture = await secretFixture();
      const { pat, store } = await setup({ bootstrapPhc: fixture.phc });
      const { tokenId, secretPhc } = await pat.generate();
      rememberSecret(secretPhc);
      const message = (name: string, at: string) =>
        `${name} must not contain control or bidirectional formatting characters (${at})`;
      await expectPatError(
        pat.issue({ owner: "a\nb\u001b[31mred" }),
        "INVALID_INPUT",
        message("owner", "U+000A at index 1"),
      );
      await expectPatError(
        pat.register({ tokenId, secretPhc, owner: "ci", roles: ["ok", "\u202eevil"] }),
        "INVALID_INPUT",
        message("roles[1]", "U+202E at index 0"),
      );
      await expectPatError(
        pat.bootstrap(fixture.tokenFor(tokenId), { owner: "root\u009b" }),
        "INVALID_INPUT",
        message("owner", "U+009B at index 4"),
      );
      expect(await store.isEmpty()).toBe(true);
      const { record } = await issued(pat);
      await expectPatError(pat.update(record.tokenId, { owner: "\u0007" }), "INVALID_INPUT");
      await expectPatError(
        pat.update(record.tokenId, { roles: { add: ["x\u2066"] } }),
        "INVALID_INPUT",
        message("roles.add[0]", "U+2066 at index 1"),
      );
      // Removing such a role, and listing by such an owner, stay possible.
      await pat.update(record.tokenId, { roles: { remove: ["x\u2066"] } });
      for await (const _ of pat.listByOwner("a\u001b[31m", { hasRole: "\u202e" })) {
        throw new Error("nothing is stored under that owner");
      }
    });

    it("refuses a duplicate id with TOKEN_EXISTS", async () => {
      const { pat } = await setup();
      const { record } = await issued(pat);
      const { secretPhc } = await pat.generate();
      rememberSecret(secretPhc);
      await expectPatError(
        pat.register({ tokenId: record.tokenId, secretPhc, owner: "mallory" }),
        "TOKEN_EXISTS",
        `Token ID already exists: ${record.tokenId}`,
      );
    });

    it.each([
      ["not a PHC string", "not-a-phc"],
      ["another algorithm", ARGON2_PHC],
      ["absurd parameters", LN40_PHC],
      ["more than 200 characters", OVERLONG_PHC],
    ])("refuses a PHC that is %s with INVALID_INPUT", async (_label, secretPhc) => {
      const { pat, store } = await setup();
      rememberSecret(secretPhc);
      await expectPatError(
        pat.register({ tokenId: generateTokenId(), secretPhc, owner: "x" }),
        "INVALID_INPUT",
        /^Invalid secret PHC string: (invalid_phc|unsupported_algorithm|invalid_parameters)/,
      );
      expect(await store.isEmpty()).toBe(true);
    });
  });

  describe("stored hashes are checked against the configured maxmem", () => {
    // Synthetic PHC strings of random bytes: register and update inspect them, nothing
    // hashes them.
    const synthetic = (ln: number): string =>
      serializePhc({
        id: "scrypt",
        params: { ln, r: 8, p: 1 },
        salt: randomBytes(16),
        hash: randomBytes(32),
      });
    const ln17 = synthetic(17); // needs 128 MiB
    const ln14 = synthetic(14); // needs 16 MiB

    it("accepts a hash above the default 64 MiB when maxmem allows it", async () => {
      const { pat, store } = await setup({
        scryptOptions: { ...TEST_SCRYPT, maxmem: 256 * 1024 * 1024 },
      });
      const tokenId = generateTokenId();
      await pat.register({ tokenId, secretPhc: ln17, owner: "big" });
      expect((await store.get(tokenId))?.secretPhc).toBe(ln17);
      const { record } = await issued(pat);
      await pat.update(record.tokenId, { secretPhc: ln17 });
      expect((await store.get(record.tokenId))?.secretPhc).toBe(ln17);
    });

    it("refuses a hash within 64 MiB but above a smaller maxmem (verify would refuse it)", async () => {
      const { pat, store } = await setup({
        scryptOptions: { ...TEST_SCRYPT, maxmem: 2 * 1024 * 1024 },
      });
      await expectPatError(
        pat.register({ tokenId: generateTokenId(), secretPhc: ln14, owner: "x" }),
        "INVALID_INPUT",
        "Invalid secret PHC string: invalid_parameters",
      );
      expect(await store.isEmpty()).toBe(true);
      const { record, secretPhc } = await issued(pat);
      await expectPatError(
        pat.update(record.tokenId, { secretPhc: ln14 }),
        "INVALID_INPUT",
        "Invalid secret PHC string: invalid_parameters",
      );
      expect((await store.get(record.tokenId))?.secretPhc).toBe(secretPhc);
    });
  });
}
