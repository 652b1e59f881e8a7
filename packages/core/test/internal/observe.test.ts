/**
 * Lifecycle events (`onEvent`, memory store): which event each public call sends and what it
 * holds, that no event holds a secret, a token, a PHC string or a hash, and that a hook that
 * throws (synchronously or by rejecting) or never settles cannot change or delay any answer.
 */
import { afterAll, describe, expect, it } from "vitest";
import {
  base64UrlEncode,
  formatToken,
  generateTokenId,
  hashSecret,
  randomBytes,
} from "@pat/crypto";
import {
  MemoryTokenStore,
  Pat,
  type PatEvent,
  type PatOptions,
  type TokenStore,
  type VerifyResult,
} from "../../src/index.js";
import { assertNoSecretLeaked, expectPatError, rememberSecret } from "../support/hygiene.js";

const TEST_SCRYPT = { cost: 16, blockSize: 8, parallelization: 1 } as const;
const T0 = 1_767_225_600;
const NOW_MS = T0 * 1000 + 123;

/** Every secret-bearing string the file made: no event may contain any of them. */
const secrets = new Set<string>();
function secret(value: string): string {
  secrets.add(value);
  rememberSecret(value);
  const dot = value.lastIndexOf(".");
  if (!value.startsWith("$") && dot >= 0) secrets.add(value.slice(dot + 1));
  if (value.startsWith("$")) secrets.add(value.slice(value.lastIndexOf("$") + 1));
  return value;
}

/** Every event any Pat of this file emitted. */
const allEvents: PatEvent[] = [];

afterAll(() => {
  expect(allEvents.length).toBeGreaterThan(20);
  for (const event of allEvents) {
    const text = JSON.stringify(event);
    expect(text).not.toMatch(/\$scrypt\$/);
    for (const s of secrets) expect(text.includes(s), `${event.type} holds a secret`).toBe(false);
  }
  assertNoSecretLeaked();
});

function makePat(extra: Partial<PatOptions> = {}, store: TokenStore = new MemoryTokenStore()) {
  const events: PatEvent[] = [];
  const pat = new Pat({
    store,
    scryptOptions: TEST_SCRYPT,
    clock: () => NOW_MS,
    onEvent: (event) => {
      events.push(event);
      allEvents.push(event);
    },
    ...extra,
  });
  return { pat, events, store };
}

/** Issues a token and remembers its secret. */
async function issue(pat: Pat, params: Parameters<Pat["issue"]>[0] = { owner: "alice" }) {
  const result = await pat.issue(params);
  secret(result.token);
  return result;
}

describe("events of each public call", () => {
  it("issue sends issued with the record's public fields", async () => {
    const { pat, events } = makePat();
    const { record } = await issue(pat, {
      owner: "alice",
      roles: ["reader", "writer"],
      isAdmin: true,
      expiresAt: T0 + 60,
    });
    expect(events).toEqual([
      {
        type: "issued",
        via: "issue",
        tokenId: record.tokenId,
        owner: "alice",
        isAdmin: true,
        roles: ["reader", "writer"],
        expiresAt: T0 + 60,
        at: NOW_MS,
      },
    ]);
    expect(Object.isFrozen(events[0])).toBe(true);
  });

  it("register sends issued (via register) and never the PHC string it was given", async () => {
    const { pat, events } = makePat();
    const { tokenId, secretPhc, token } = await pat.generate();
    secret(secretPhc);
    secret(token);
    expect(events).toEqual([]);
    await pat.register({ tokenId, secretPhc, owner: "ci" });
    expect(events).toEqual([
      {
        type: "issued",
        via: "register",
        tokenId,
        owner: "ci",
        isAdmin: false,
        roles: [],
        at: NOW_MS,
      },
    ]);
  });

  it("verify sends verified, with its duration", async () => {
    const { pat, events } = makePat();
    const { token, record } = await issue(pat);
    events.length = 0;
    await pat.verify(token);
    expect(events).toEqual([
      {
        type: "verified",
        tokenId: record.tokenId,
        owner: "alice",
        durationMs: expect.any(Number) as number,
        at: NOW_MS,
      },
    ]);
    expect((events[0] as { durationMs: number }).durationMs).toBeGreaterThanOrEqual(0);
  });

  it("verify sends verify_failed with the reason; the id once well formed, the owner once the secret matched", async () => {
    const { pat, events } = makePat();
    const { token, record } = await issue(pat, { owner: "bob", expiresAt: T0 - 1 });
    const tokenId = record.tokenId;
    const wrong = secret(formatToken("pat_", tokenId, base64UrlEncode(randomBytes(32))));
    const unknownId = generateTokenId();
    const unknown = secret(formatToken("pat_", unknownId, base64UrlEncode(randomBytes(32))));
    events.length = 0;
    await pat.verify("nope_" + tokenId);
    await pat.verify("pat_short");
    await pat.verify(unknown);
    await pat.verify(wrong);
    await pat.verify(token);
    const failures = events.map((e) => {
      expect(e.type).toBe("verify_failed");
      const { durationMs, at, ...rest } = e as PatEvent & { durationMs: number };
      expect(typeof durationMs).toBe("number");
      expect(at).toBe(NOW_MS);
      return rest;
    });
    expect(failures).toEqual([
      { type: "verify_failed", reason: "invalid_prefix" },
      { type: "verify_failed", reason: "invalid_format" },
      { type: "verify_failed", reason: "not_found", tokenId: unknownId },
      { type: "verify_failed", reason: "invalid_secret", tokenId },
      { type: "verify_failed", reason: "expired", tokenId, owner: "bob" },
    ]);
    await pat.revoke(tokenId);
    events.length = 0;
    await pat.verify(token);
    expect(events).toMatchObject([
      { type: "verify_failed", reason: "revoked", tokenId, owner: "bob" },
    ]);
  });

  it("update sends updated naming the fields asked for, never their values; an empty update sends nothing", async () => {
    const { pat, events } = makePat();
    const { record } = await issue(pat);
    const { secretPhc } = await pat.generate();
    secret(secretPhc);
    events.length = 0;
    await pat.update(record.tokenId, {});
    await pat.update(record.tokenId, { owner: undefined });
    expect(events).toEqual([]);
    await pat.update(record.tokenId, { roles: { add: ["admin"] }, secretPhc, expiresAt: null });
    expect(events).toEqual([
      {
        type: "updated",
        tokenId: record.tokenId,
        fields: ["roles", "secretPhc", "expiresAt"],
        at: NOW_MS,
      },
    ]);
  });

  it("revoke and restore send revoked and restored", async () => {
    const { pat, events } = makePat();
    const { record } = await issue(pat);
    events.length = 0;
    await pat.revoke(record.tokenId);
    await pat.restore(record.tokenId);
    expect(events).toEqual([
      { type: "revoked", tokenId: record.tokenId, at: NOW_MS },
      { type: "restored", tokenId: record.tokenId, at: NOW_MS },
    ]);
  });

  it("update names label fields too, never their values", async () => {
    const { pat, events } = makePat();
    const { record } = await issue(pat);
    events.length = 0;
    await pat.update(record.tokenId, {
      name: "ci deploy",
      description: null,
      metadata: { team: "ops" },
    });
    expect(events).toEqual([
      {
        type: "updated",
        tokenId: record.tokenId,
        fields: ["name", "description", "metadata"],
        at: NOW_MS,
      },
    ]);
    expect(JSON.stringify(events)).not.toContain("ci deploy");
  });

  it("rotate sends rotated naming the successor; a refused rotation sends nothing", async () => {
    const { pat, events } = makePat();
    const { record } = await issue(pat);
    events.length = 0;
    const next = await pat.rotate(record.tokenId, { graceSeconds: 60 });
    secret(next.token);
    expect(events).toEqual([
      {
        type: "rotated",
        tokenId: record.tokenId,
        successorTokenId: next.record.tokenId,
        at: NOW_MS,
      },
    ]);
    events.length = 0;
    await expectPatError(pat.rotate(record.tokenId), "TOKEN_ROTATED");
    expect(events).toEqual([]);
  });

  it("a call that throws sends nothing", async () => {
    const { pat, events } = makePat();
    await expectPatError(pat.revoke(generateTokenId()), "TOKEN_NOT_FOUND");
    await expectPatError(pat.issue({ owner: "" }), "INVALID_INPUT");
    await expectPatError(pat.update(generateTokenId(), { owner: "x" }), "TOKEN_NOT_FOUND");
    expect(events).toEqual([]);
  });

  it("reads send nothing", async () => {
    const { pat, events } = makePat();
    const { record } = await issue(pat);
    events.length = 0;
    for await (const listed of pat.list()) expect(listed.tokenId).toBe(record.tokenId);
    for await (const listed of pat.listByOwner("alice")) expect(listed.owner).toBe("alice");
    await pat.batchLoad([record.tokenId]);
    await pat.getCount();
    expect(events).toEqual([]);
  });

  it("bootstrap sends issued (via bootstrap) when it stores the first admin, nothing when it refuses", async () => {
    const bytes = randomBytes(32);
    const bootstrapPhc = secret(await hashSecret(bytes, TEST_SCRYPT));
    const { pat, events } = makePat({ bootstrapPhc });
    const tokenId = generateTokenId();
    const token = secret(formatToken("pat_", tokenId, base64UrlEncode(bytes)));
    await pat.bootstrap(secret(formatToken("pat_", tokenId, base64UrlEncode(randomBytes(32)))), {
      owner: "root",
    });
    expect(events).toEqual([]);
    await pat.bootstrap(token, { owner: "root" });
    expect(events).toEqual([
      {
        type: "issued",
        via: "bootstrap",
        tokenId,
        owner: "root",
        isAdmin: true,
        roles: [],
        at: NOW_MS,
      },
    ]);
  });

  it("a background rehash sends rehashed once the stronger hash is stored", async () => {
    const store = new MemoryTokenStore();
    const bytes = randomBytes(32);
    const weak = secret(await hashSecret(bytes, { ...TEST_SCRYPT, cost: 8 }));
    const tokenId = generateTokenId();
    await store.create({ tokenId, secretPhc: weak, owner: "o", isAdmin: false, createdAt: T0 });
    const { pat, events } = makePat({ rehash: true }, store);
    const result = await pat.verify(secret(formatToken("pat_", tokenId, base64UrlEncode(bytes))));
    expect(result.valid).toBe(true);
    await pat.idle();
    secret((await store.get(tokenId))?.secretPhc ?? "");
    expect(events.map((e) => e.type)).toEqual(["verified", "rehashed"]);
    expect(events[1]).toEqual({ type: "rehashed", tokenId, at: NOW_MS });
  });
});

/** The answers of every verify reason (and a success) from `pat`, over tokens it issued. */
async function everyAnswer(pat: Pat): Promise<VerifyResult[]> {
  const live = await issue(pat, { owner: "a" });
  const expired = await issue(pat, { owner: "b", expiresAt: T0 - 1 });
  const revoked = await issue(pat, { owner: "c" });
  await pat.revoke(revoked.record.tokenId);
  const wrong = secret(formatToken("pat_", live.record.tokenId, base64UrlEncode(randomBytes(32))));
  const unknown = secret(formatToken("pat_", generateTokenId(), base64UrlEncode(randomBytes(32))));
  const answers: VerifyResult[] = [];
  for (const token of [
    live.token,
    live.token, // memo warm
    expired.token,
    revoked.token,
    wrong,
    unknown,
    "pat_x",
    "other_" + live.record.tokenId,
  ]) {
    answers.push(await pat.verify(token));
  }
  return answers;
}

/** The answers with the ids of the run replaced, to compare two runs. */
function shapes(answers: VerifyResult[]) {
  return answers.map((a) =>
    a.record === undefined
      ? a
      : { ...a, record: { ...a.record, tokenId: "<id>", lastUsedAt: a.record.lastUsedAt } },
  );
}

describe("a failing or slow hook changes and delays nothing", () => {
  const plainAnswers = () =>
    everyAnswer(
      new Pat({ store: new MemoryTokenStore(), scryptOptions: TEST_SCRYPT, clock: () => NOW_MS }),
    );

  it("a hook that throws synchronously: the same answers, every error handed to onEventError", async () => {
    const failures: [unknown, PatEvent][] = [];
    const { pat } = makePat({
      onEvent: (event) => {
        allEvents.push(event);
        throw new Error(`hook failed on ${event.type}`);
      },
      onEventError: (error, event) => failures.push([error, event]),
    });
    const answers = await everyAnswer(pat);
    expect(shapes(answers)).toEqual(shapes(await plainAnswers()));
    // 3 issued + 1 revoked + 8 verifies.
    expect(failures).toHaveLength(12);
    for (const [error, event] of failures) {
      expect((error as Error).message).toBe(`hook failed on ${event.type}`);
    }
  });

  it("a hook that rejects: the same answers, every rejection handed to onEventError", async () => {
    const failures: PatEvent[] = [];
    const { pat } = makePat({
      onEvent: async (event) => {
        allEvents.push(event);
        await Promise.resolve();
        throw new Error("rejected");
      },
      onEventError: (_error, event) => failures.push(event),
    });
    expect(shapes(await everyAnswer(pat))).toEqual(shapes(await plainAnswers()));
    await new Promise((resolve) => setImmediate(resolve));
    expect(failures).toHaveLength(12);
  });

  it("a hook that never settles: every call answers, and the same answers", async () => {
    let called = 0;
    const { pat } = makePat({
      onEvent: (event) => {
        allEvents.push(event);
        called += 1;
        return new Promise<void>(() => undefined);
      },
    });
    expect(shapes(await everyAnswer(pat))).toEqual(shapes(await plainAnswers()));
    expect(called).toBe(12);
  });

  it("verify answers while the hook is still awaiting", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let hookDone = false;
    const { pat } = makePat({
      onEvent: async (event) => {
        allEvents.push(event);
        await gate;
        hookDone = true;
      },
    });
    const { token } = await issue(pat);
    const result = await pat.verify(token);
    expect(result.valid).toBe(true);
    expect(hookDone).toBe(false);
    release();
    await gate;
    await new Promise((resolve) => setImmediate(resolve));
    expect(hookDone).toBe(true);
  });

  it("a throwing hook does not make issue lose the token it stored", async () => {
    const { pat } = makePat({
      onEvent: () => {
        throw new Error("boom");
      },
      onEventError: () => undefined,
    });
    const { token, record } = await issue(pat);
    expect((await pat.verify(token)).valid).toBe(true);
    expect(record.owner).toBe("alice");
  });

  it("an onEventError that throws is ignored too", async () => {
    const { pat } = makePat({
      onEvent: () => {
        throw new Error("boom");
      },
      onEventError: () => {
        throw new Error("and again");
      },
    });
    const { token } = await issue(pat);
    expect((await pat.verify(token)).valid).toBe(true);
  });

  it("without onEventError, the first failure of an instance is one process warning that names no message", async () => {
    const warnings: Error[] = [];
    const listener = (warning: Error) => warnings.push(warning);
    process.on("warning", listener);
    try {
      const { pat } = makePat({
        onEvent: () => {
          throw new TypeError("hook message with private data");
        },
      });
      const { token } = await issue(pat);
      await pat.verify(token);
      await pat.verify(token);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("warning", listener);
    }
    expect(warnings).toHaveLength(1);
    expect((warnings[0] as Error & { code?: string }).code).toBe("PAT_EVENT_HOOK_FAILED");
    expect(warnings[0]?.message).toContain("TypeError");
    expect(warnings[0]?.message).not.toContain("private data");
  });
});

describe("options", () => {
  it.each([
    [{ onEvent: "yes" }, "onEvent must be a function"],
    [{ onEventError: 1 }, "onEventError must be a function"],
    [{ telemetry: true }, /^telemetry must be the @opentelemetry\/api module/],
    [{ telemetry: { trace: {} } }, /^telemetry must be the @opentelemetry\/api module/],
    [{ telemetry: { tracerProvider: {} } }, /^telemetry\.tracerProvider must be/],
    [{ telemetry: { meterProvider: 5 } }, /^telemetry\.meterProvider must be/],
  ])("refuses %j", async (bad, message) => {
    await expectPatError(
      () => new Pat({ store: new MemoryTokenStore(), ...(bad as object) }),
      "INVALID_CONFIG",
      message,
    );
  });

  it("leaves an instance with neither onEvent nor telemetry unwrapped", () => {
    const pat = new Pat({ store: new MemoryTokenStore() });
    expect(Object.hasOwn(pat, "verify")).toBe(false);
    expect(pat.verify).toBe(Pat.prototype.verify);
    const observed = makePat().pat;
    expect(Object.hasOwn(observed, "verify")).toBe(true);
  });

  it("wraps a subclass's override, so the override is what runs", async () => {
    class Counting extends Pat {
      verifies = 0;
      override async verify(token: string): Promise<VerifyResult> {
        this.verifies += 1;
        return super.verify(token);
      }
    }
    const events: PatEvent[] = [];
    const pat = new Counting({
      store: new MemoryTokenStore(),
      scryptOptions: TEST_SCRYPT,
      onEvent: (event) => {
        events.push(event);
        allEvents.push(event);
      },
    });
    const { token } = await issue(pat);
    await pat.verify(token);
    expect(pat.verifies).toBe(1);
    expect(events.filter((e) => e.type === "verified")).toHaveLength(1);
  });
});
