/**
 * OpenTelemetry (`telemetry`, memory store), checked with the SDK's in-memory exporters: one span
 * per public call named `pat.<method>`, with the outcome as attributes and never a secret; a
 * counter of verify results and a histogram of verify durations; the `@opentelemetry/api` module
 * as the option, a no-op until an SDK registers, picked up when one does.
 */
import * as otel from "@opentelemetry/api";
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type HistogramMetricData,
  type MetricData,
} from "@opentelemetry/sdk-metrics";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from "@opentelemetry/sdk-trace-base";
import { afterAll, describe, expect, it } from "vitest";
import { base64UrlEncode, formatToken, generateTokenId, randomBytes } from "@pat/crypto";
import {
  MemoryTokenStore,
  Pat,
  StorageError,
  type PatOptions,
  type PatTelemetry,
  type TokenRecord,
} from "../../src/index.js";
import { assertNoSecretLeaked, expectPatError, rememberSecret } from "../support/hygiene.js";

const TEST_SCRYPT = { cost: 16, blockSize: 8, parallelization: 1 } as const;
const T0 = 1_767_225_600;

const secrets = new Set<string>();
function secret(value: string): string {
  secrets.add(value);
  secrets.add(value.slice(value.lastIndexOf(".") + 1));
  rememberSecret(value);
  return value;
}

/** Every span of the file, scanned for secrets at the end. */
const allSpans: ReadableSpan[] = [];

afterAll(() => {
  expect(allSpans.length).toBeGreaterThan(10);
  for (const span of allSpans) {
    const text = JSON.stringify({
      name: span.name,
      attributes: span.attributes,
      events: span.events,
    });
    expect(text).not.toMatch(/\$scrypt\$/);
    for (const s of secrets) expect(text.includes(s), `${span.name} holds a secret`).toBe(false);
  }
  assertNoSecretLeaked();
});

/** An SDK of its own (not registered globally): in-memory spans and metrics. */
function sdk() {
  const spans = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(spans)],
  });
  const metrics = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({
    exporter: metrics,
    exportIntervalMillis: 3_600_000,
  });
  const meterProvider = new MeterProvider({ readers: [reader] });
  return {
    tracerProvider,
    meterProvider,
    finished(): ReadableSpan[] {
      const list = spans.getFinishedSpans();
      allSpans.push(...list);
      spans.reset();
      return list;
    },
    async metrics(): Promise<MetricData[]> {
      await reader.forceFlush();
      const exported = metrics.getMetrics();
      const last = exported[exported.length - 1];
      return last?.scopeMetrics.flatMap((scope) => scope.metrics) ?? [];
    },
    async shutdown() {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
    },
  };
}

function makePat(
  telemetry: PatTelemetry | ReturnType<typeof sdk>,
  extra: Partial<PatOptions> = {},
) {
  return new Pat({
    store: new MemoryTokenStore(),
    scryptOptions: TEST_SCRYPT,
    clock: () => T0 * 1000,
    telemetry:
      "tracerProvider" in telemetry
        ? { tracerProvider: telemetry.tracerProvider, meterProvider: telemetry.meterProvider }
        : telemetry,
    ...extra,
  });
}

/** `{ name, attributes, status }` of each span, in the order they ended. */
function summary(spans: ReadableSpan[]) {
  return spans.map((s) => ({ name: s.name, attributes: s.attributes, status: s.status.code }));
}

/** Data points of the verify counter, as `{ result: count }`. */
function counts(metrics: MetricData[]): Record<string, number> {
  const counter = metrics.find((m) => m.descriptor.name === "pat.verify.results");
  return Object.fromEntries(
    (counter?.dataPoints ?? []).map((p) => [
      String(p.attributes["pat.verify.result"]),
      p.value as number,
    ]),
  );
}

describe("spans", () => {
  it("one span per public call, with the token id and the outcome as attributes", async () => {
    const s = sdk();
    const pat = makePat(s);
    const { token, record } = await pat.issue({ owner: "alice", roles: ["r"] });
    secret(token);
    const tokenId = record.tokenId;
    const wrong = secret(formatToken("pat_", tokenId, base64UrlEncode(randomBytes(32))));
    await pat.verify(token);
    await pat.verify(wrong);
    await pat.verify("pat_bad");
    await pat.update(tokenId, { roles: { add: ["w"] } });
    await pat.revoke(tokenId);
    await pat.verify(token);
    await pat.restore(tokenId);
    await pat.batchLoad([tokenId]);
    await pat.getCount();
    const { secretPhc } = await pat.generate();
    secret(secretPhc);
    expect(summary(s.finished())).toEqual([
      { name: "pat.issue", attributes: { "pat.token.id": tokenId }, status: 0 },
      {
        name: "pat.verify",
        attributes: { "pat.verify.valid": true, "pat.token.id": tokenId },
        status: 0,
      },
      {
        name: "pat.verify",
        attributes: {
          "pat.verify.valid": false,
          "pat.verify.reason": "invalid_secret",
          "pat.token.id": tokenId,
        },
        status: 0,
      },
      {
        name: "pat.verify",
        attributes: { "pat.verify.valid": false, "pat.verify.reason": "invalid_format" },
        status: 0,
      },
      { name: "pat.update", attributes: { "pat.token.id": tokenId }, status: 0 },
      { name: "pat.revoke", attributes: { "pat.token.id": tokenId }, status: 0 },
      {
        name: "pat.verify",
        attributes: {
          "pat.verify.valid": false,
          "pat.verify.reason": "revoked",
          "pat.token.id": tokenId,
        },
        status: 0,
      },
      { name: "pat.restore", attributes: { "pat.token.id": tokenId }, status: 0 },
      { name: "pat.batchLoad", attributes: {}, status: 0 },
      { name: "pat.getCount", attributes: {}, status: 0 },
      { name: "pat.generate", attributes: {}, status: 0 },
    ]);
    await s.shutdown();
  });

  it("a call that throws ends its span with status ERROR and error.type, the code", async () => {
    const s = sdk();
    const pat = makePat(s);
    const missing = generateTokenId();
    await expectPatError(pat.revoke(missing), "TOKEN_NOT_FOUND");
    await expectPatError(pat.issue({ owner: "" }), "INVALID_INPUT");
    expect(() => pat.list({ limit: -1 })).toThrow();
    expect(summary(s.finished())).toEqual([
      {
        name: "pat.revoke",
        attributes: { "pat.token.id": missing, "error.type": "TOKEN_NOT_FOUND" },
        status: 2,
      },
      { name: "pat.issue", attributes: { "error.type": "INVALID_INPUT" }, status: 2 },
      { name: "pat.list", attributes: { "error.type": "INVALID_INPUT" }, status: 2 },
    ]);
    await s.shutdown();
  });

  it("a listing's span covers its iteration, ends when the caller stops early, and counts records", async () => {
    const s = sdk();
    const pat = makePat(s);
    for (let i = 0; i < 3; i++) await pat.issue({ owner: "bob" });
    s.finished();
    const listing = pat.list();
    expect(s.finished()).toEqual([]); // nothing is read before the first next()
    let seen = 0;
    for await (const _ of listing) seen += 1;
    expect(seen).toBe(3);
    for await (const _ of pat.listByOwner("bob")) break;
    expect(summary(s.finished())).toEqual([
      { name: "pat.list", attributes: { "pat.records": 3 }, status: 0 },
      { name: "pat.listByOwner", attributes: { "pat.records": 1 }, status: 0 },
    ]);
    await s.shutdown();
  });

  it("a store failure during verify: span ERROR with STORAGE_ERROR, result error in the counter", async () => {
    class FailingStore extends MemoryTokenStore {
      override get(): Promise<TokenRecord | null> {
        return Promise.reject(new StorageError("storage is down", "ServiceUnavailable"));
      }
    }
    const s = sdk();
    const pat = makePat(s, { store: new FailingStore() });
    const token = secret(formatToken("pat_", generateTokenId(), base64UrlEncode(randomBytes(32))));
    await expectPatError(pat.verify(token), "STORAGE_ERROR");
    expect(summary(s.finished())).toEqual([
      { name: "pat.verify", attributes: { "error.type": "STORAGE_ERROR" }, status: 2 },
    ]);
    expect(counts(await s.metrics())).toEqual({ error: 1 });
    await s.shutdown();
  });
});

describe("metrics", () => {
  it("counts verify results and records their durations in seconds", async () => {
    const s = sdk();
    const pat = makePat(s);
    const { token, record } = await pat.issue({ owner: "carol" });
    secret(token);
    const wrong = secret(formatToken("pat_", record.tokenId, base64UrlEncode(randomBytes(32))));
    await pat.verify(token);
    await pat.verify(token);
    await pat.verify(wrong);
    await pat.verify("nope");
    const metrics = await s.metrics();
    expect(counts(metrics)).toEqual({ valid: 2, invalid_secret: 1, invalid_prefix: 1 });
    const histogram = metrics.find((m) => m.descriptor.name === "pat.verify.duration") as
      HistogramMetricData | undefined;
    expect(histogram?.descriptor.unit).toBe("s");
    const valid = histogram?.dataPoints.find((p) => p.attributes["pat.verify.result"] === "valid");
    expect(valid?.value.count).toBe(2);
    expect(valid?.value.sum).toBeGreaterThan(0);
    expect(valid?.value.sum).toBeLessThan(10);
    await s.shutdown();
  });
});

describe("the @opentelemetry/api module as the option", () => {
  it("is a no-op without an SDK, and picks up one registered later", async () => {
    const pat = makePat(otel);
    const plain = new Pat({ store: pat.store, scryptOptions: TEST_SCRYPT, clock: () => T0 * 1000 });
    const { token } = await pat.issue({ owner: "dave" });
    secret(token);
    const ours = await pat.verify(token);
    expect(ours).toEqual(await plain.verify(token));

    const s = sdk();
    try {
      otel.trace.setGlobalTracerProvider(s.tracerProvider);
      otel.metrics.setGlobalMeterProvider(s.meterProvider);
      await pat.verify(token);
      expect(s.finished().map((span) => span.name)).toEqual(["pat.verify"]);
      expect(counts(await s.metrics())).toEqual({ valid: 1 });
    } finally {
      otel.trace.disable();
      otel.metrics.disable();
      await s.shutdown();
    }
  });

  it("verify answers the same with telemetry and events as without", async () => {
    const store = new MemoryTokenStore();
    const observed = new Pat({
      store,
      scryptOptions: TEST_SCRYPT,
      clock: () => T0 * 1000,
      telemetry: otel,
      onEvent: () => undefined,
    });
    const plain = new Pat({ store, scryptOptions: TEST_SCRYPT, clock: () => T0 * 1000 });
    const { token, record } = await plain.issue({ owner: "erin", expiresAt: T0 + 10 });
    secret(token);
    const wrong = secret(formatToken("pat_", record.tokenId, base64UrlEncode(randomBytes(32))));
    for (const presented of [token, wrong, "pat_x", "x"]) {
      expect(await observed.verify(presented)).toEqual(await plain.verify(presented));
    }
  });
});
