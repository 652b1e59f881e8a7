import { describe, expect, it } from "vitest";
import { renewalTime, TokenSession, type Exchanged } from "../../src/internal/session.js";

const T0 = 1_700_000_000_000;

function harness(lifetimes: number[]) {
  let now = T0;
  let calls = 0;
  const gates: Array<() => void> = [];
  let gated = false;
  const exchange = async (): Promise<Exchanged> => {
    calls++;
    if (gated) await new Promise<void>((resolve) => gates.push(resolve));
    const expiresIn = lifetimes[Math.min(calls - 1, lifetimes.length - 1)] ?? 3600;
    return { accessToken: `jwt-${calls}`, expiresIn };
  };
  const session = new TokenSession(exchange, () => now);
  return {
    session,
    calls: () => calls,
    at: (ms: number) => {
      now = T0 + ms;
    },
    gate: () => {
      gated = true;
    },
    open: () => {
      gated = false;
      for (const resolve of gates.splice(0)) resolve();
    },
  };
}

describe("renewalTime", () => {
  it("renews a long-lived JWT 30 s before it expires", () => {
    expect(renewalTime(T0, 3600)).toBe(T0 + 3_570_000);
    expect(renewalTime(T0, 60)).toBe(T0 + 30_000);
  });

  it("uses a short-lived JWT for half its life", () => {
    expect(renewalTime(T0, 40)).toBe(T0 + 20_000);
    expect(renewalTime(T0, 2)).toBe(T0 + 1000);
    expect(renewalTime(T0, 0)).toBe(T0);
  });
});

describe("TokenSession", () => {
  it("exchanges once and reuses the JWT until it is due", async () => {
    const h = harness([3600]);
    expect(await h.session.current()).toBe("jwt-1");
    h.at(3_569_999);
    expect(await h.session.current()).toBe("jwt-1");
    expect(h.calls()).toBe(1);
  });

  it("renews when less than 30 s remain", async () => {
    const h = harness([3600, 3600]);
    await h.session.current();
    h.at(3_570_000);
    expect(await h.session.current()).toBe("jwt-2");
    expect(h.calls()).toBe(2);
  });

  it("measures the lifetime from when the exchange was sent", async () => {
    const h = harness([60, 60]);
    const pending = h.session.current();
    h.at(10_000); // the answer took 10 s
    await pending;
    h.at(29_999);
    expect(await h.session.current()).toBe("jwt-1");
    h.at(30_000);
    expect(await h.session.current()).toBe("jwt-2");
  });

  it("shares one exchange among concurrent callers", async () => {
    const h = harness([3600]);
    h.gate();
    const all = Promise.all([h.session.current(), h.session.current(), h.session.renew()]);
    h.open();
    expect(await all).toEqual(["jwt-1", "jwt-1", "jwt-1"]);
    expect(h.calls()).toBe(1);
  });

  it("does not remember a failed exchange", async () => {
    let fail = true;
    let calls = 0;
    const session = new TokenSession(
      async () => {
        calls++;
        if (fail) throw new Error("refused");
        return { accessToken: "jwt-ok", expiresIn: 3600 };
      },
      () => T0,
    );
    await expect(session.current()).rejects.toThrow("refused");
    fail = false;
    expect(await session.current()).toBe("jwt-ok");
    expect(calls).toBe(2);
  });

  it("discards the JWT the server refused, and only that one", async () => {
    const h = harness([3600, 3600]);
    await h.session.current();
    h.session.discard("some-other-jwt");
    expect(h.session.held).toBe("jwt-1");
    h.session.discard("jwt-1");
    expect(h.session.held).toBeUndefined();
    expect(await h.session.current()).toBe("jwt-2");
  });
});
