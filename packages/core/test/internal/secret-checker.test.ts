/**
 * Step 3 of verify under a flood, with an injected scrypt that the test finishes by hand (the
 * real `verifySecret` does the work, the test decides when it may answer): derivations are
 * counted and their order read, no wall clock. Hashes use a low cost.
 */
import { describe, expect, it } from "vitest";
import {
  generateTokenId,
  hashSecret,
  hashSecretHmac,
  randomBytes,
  verifySecret,
  type VerifySecretResult,
} from "@pat/crypto";
import { SecretChecker } from "../../src/internal/secret-checker.js";
import { VerifyMemo } from "../../src/internal/verify-memo.js";

const LOW = { cost: 16, blockSize: 1 } as const;

/** A checker whose scrypt runs only when the test releases it, recording which hash it was for. */
function slowChecker(options: { concurrency?: number; memo?: number } = {}) {
  const started: string[] = [];
  const gates: (() => void)[] = [];
  let finished = 0;
  const owners = new Map<string, string>();
  const checker = new SecretChecker({
    memo: new VerifyMemo(options.memo ?? 100),
    refusedEntries: options.memo ?? 100,
    concurrency: options.concurrency ?? 2,
    verifyOptions: {},
    // Starts the real derivation at once, but answers only once the test opened its gate.
    scrypt: (secret, phc, verifyOptions): Promise<VerifySecretResult> => {
      started.push(owners.get(phc) ?? "?");
      const result = verifySecret(secret, phc, verifyOptions);
      const gate = new Promise<void>((resolve) => gates.push(resolve));
      return gate.then(async () => {
        const answer = await result;
        finished++;
        return answer;
      });
    },
  });
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  /** Opens the oldest gate and waits (by probing) until that derivation has answered. */
  const release = async (count = 1) => {
    for (let i = 0; i < count; i++) {
      const open = gates.shift();
      if (open === undefined) throw new Error("no derivation is waiting for its gate");
      const before = finished;
      open();
      while (finished === before) await tick();
      await tick();
    }
  };
  const token = async (label: string) => {
    const secret = randomBytes(32);
    const phc = await hashSecret(secret, LOW);
    owners.set(phc, label);
    return { id: generateTokenId(), phc, secret };
  };
  return { checker, started, release, token, inFlight: () => gates.length };
}

describe("SecretChecker under a flood", () => {
  it("serves other tokens' first verifies after at most one derivation of the attacked id", async () => {
    const t = slowChecker({ concurrency: 2 });
    const attacked = await t.token("X");
    const others = await Promise.all(["B", "C", "D", "E"].map((label) => t.token(label)));
    const flood = Array.from({ length: 32 }, () =>
      t.checker.check(attacked.id, attacked.phc, randomBytes(32)),
    );
    const fair = others.map((o) => t.checker.check(o.id, o.phc, o.secret));
    await new Promise((resolve) => setImmediate(resolve));
    // One slot for the flood, one for the others: never two of X at once.
    expect(t.started).toEqual(["X", "B"]);
    // X0 and B, then C, D and E in the slots they free (X waits its turn behind them).
    await t.release(5);
    expect((await Promise.all(fair)).map((r) => r.ok)).toEqual([true, true, true, true]);
    // The four others started within the first six derivations; X ran at most twice meanwhile.
    const firstSix = t.started.slice(0, 6);
    expect(firstSix).toEqual(["X", "B", "C", "D", "E", "X"]);
    expect(firstSix.filter((label) => label === "X").length).toBeLessThanOrEqual(2);
    expect(firstSix.filter((label) => label !== "X").sort()).toEqual(["B", "C", "D", "E"]);
    while (t.inFlight() > 0) await t.release();
    for (const result of await Promise.all(flood)) {
      expect(result).toEqual({ ok: false, reason: "invalid_secret" });
    }
    expect(t.started.filter((label) => label === "X")).toHaveLength(32);
  });

  it("lets the attacked token's holder through after the attempts queued before it", async () => {
    const t = slowChecker({ concurrency: 2 });
    const attacked = await t.token("X");
    const flood = Array.from({ length: 8 }, () =>
      t.checker.check(attacked.id, attacked.phc, randomBytes(32)),
    );
    const holder = t.checker.check(attacked.id, attacked.phc, attacked.secret);
    let answered = false;
    void holder.then(() => (answered = true));
    await t.release(8);
    expect(answered).toBe(false);
    await t.release(1);
    expect(await holder).toMatchObject({ ok: true, hash: { algorithm: "scrypt" } });
    expect(t.started).toHaveLength(9);
    await Promise.all(flood);
  });

  it("runs one derivation for identical concurrent attempts, and none when one is repeated", async () => {
    const t = slowChecker();
    const attacked = await t.token("X");
    const wrong = randomBytes(32);
    const same = Array.from({ length: 16 }, () =>
      t.checker.check(attacked.id, attacked.phc, wrong),
    );
    await t.release();
    for (const result of await Promise.all(same)) {
      expect(result).toEqual({ ok: false, reason: "invalid_secret" });
    }
    expect(t.started).toEqual(["X"]);
    // Remembered as refused: answered with no derivation.
    expect(await t.checker.check(attacked.id, attacked.phc, wrong)).toEqual({
      ok: false,
      reason: "invalid_secret",
    });
    expect(t.started).toEqual(["X"]);
  });

  it("answers a warm secret at once while the attacked id's queue is full", async () => {
    const t = slowChecker();
    const x = await t.token("X");
    const first = t.checker.check(x.id, x.phc, x.secret);
    await t.release();
    expect((await first).ok).toBe(true);
    const flood = Array.from({ length: 8 }, () => t.checker.check(x.id, x.phc, randomBytes(32)));
    expect(await t.checker.check(x.id, x.phc, x.secret)).toMatchObject({ ok: true });
    expect(t.started).toEqual(["X", "X"]);
    while (t.inFlight() > 0) await t.release();
    await Promise.all(flood);
  });

  it("refuses an unusable stored hash without queueing, and checks a fast hash directly", async () => {
    const t = slowChecker();
    const secret = randomBytes(32);
    expect(
      await t.checker.check(generateTokenId(), "$scrypt$ln=40,r=8,p=1$AAAA$AAAA", secret),
    ).toEqual({
      ok: false,
      reason: "invalid_parameters",
    });
    expect(await t.checker.check(generateTokenId(), "$argon2id$v=19$AAAA$AAAA", secret)).toEqual({
      ok: false,
      reason: "unsupported_algorithm",
    });
    const fast = await hashSecretHmac(secret);
    expect(await t.checker.check(generateTokenId(), fast, secret)).toEqual({
      ok: true,
      hash: { algorithm: "hmac-sha256", params: { saltLength: 16 } },
    });
    expect(await t.checker.check(generateTokenId(), fast, randomBytes(32))).toEqual({
      ok: false,
      reason: "invalid_secret",
    });
    expect(t.started).toEqual([]);
  });

  it("still shares derivations with the memos off, and never remembers", async () => {
    const t = slowChecker({ memo: 0 });
    const x = await t.token("X");
    const same = Array.from({ length: 4 }, () => t.checker.check(x.id, x.phc, x.secret));
    await t.release();
    expect((await Promise.all(same)).every((r) => r.ok)).toBe(true);
    expect(t.started).toEqual(["X"]);
    const again = t.checker.check(x.id, x.phc, x.secret);
    await t.release();
    expect((await again).ok).toBe(true);
    expect(t.started).toEqual(["X", "X"]);
  });
});
