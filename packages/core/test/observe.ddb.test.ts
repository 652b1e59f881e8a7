/**
 * Events and telemetry of `DynamoDBPat` on DynamoDB Local: the options pass through its
 * constructor, a lifecycle sends its events and spans (checked with the in-memory span exporter),
 * no event or span holds a secret, and a hook that never settles delays no verify.
 */
import { afterAll, describe, expect, it } from "vitest";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { base64UrlEncode, formatToken, randomBytes } from "@pat/crypto";
import { DynamoDBPat, type PatEvent } from "../src/index.js";
import { TEST_SCRYPT } from "./support/behaviour/fixtures.js";
import { ddbClient, dropTables, freshTable } from "./support/ddb.js";
import { assertNoSecretLeaked, rememberSecret } from "./support/hygiene.js";

afterAll(async () => {
  await dropTables();
  assertNoSecretLeaked();
});

describe("DynamoDBPat with onEvent and telemetry", () => {
  it("sends the events and spans of a lifecycle, none holding a secret", async () => {
    const tableName = await freshTable("observe");
    const spans = new InMemorySpanExporter();
    const tracerProvider = new BasicTracerProvider({
      spanProcessors: [new SimpleSpanProcessor(spans)],
    });
    const events: PatEvent[] = [];
    const pat = new DynamoDBPat({
      tableName,
      ddbClient,
      scryptOptions: TEST_SCRYPT,
      onEvent: (event) => {
        events.push(event);
      },
      telemetry: { tracerProvider },
    });
    const { token, record } = await pat.issue({ owner: "ddb", roles: ["r"] });
    rememberSecret(token);
    const wrong = formatToken("pat_", record.tokenId, base64UrlEncode(randomBytes(32)));
    rememberSecret(wrong);
    expect((await pat.verify(token)).valid).toBe(true);
    expect(await pat.verify(wrong)).toEqual({ valid: false, reason: "invalid_secret" });
    await pat.revoke(record.tokenId);
    expect((await pat.verify(token)).reason).toBe("revoked");

    expect(events.map((e) => [e.type, "reason" in e ? e.reason : undefined])).toEqual([
      ["issued", undefined],
      ["verified", undefined],
      ["verify_failed", "invalid_secret"],
      ["revoked", undefined],
      ["verify_failed", "revoked"],
    ]);
    const finished = spans.getFinishedSpans();
    expect(finished.map((s) => s.name)).toEqual([
      "pat.issue",
      "pat.verify",
      "pat.verify",
      "pat.revoke",
      "pat.verify",
    ]);
    const text = JSON.stringify([events, finished.map((s) => s.attributes)]);
    for (const secret of [token, wrong, token.slice(token.lastIndexOf(".") + 1)]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/\$scrypt\$/);
    await tracerProvider.shutdown();
  });

  it("answers every verify while a hook never settles", async () => {
    const tableName = await freshTable("observe-hang");
    let calls = 0;
    const pat = new DynamoDBPat({
      tableName,
      ddbClient,
      scryptOptions: TEST_SCRYPT,
      onEvent: () => {
        calls += 1;
        return new Promise<void>(() => undefined);
      },
    });
    const { token } = await pat.issue({ owner: "ddb" });
    rememberSecret(token);
    for (let i = 0; i < 3; i++) expect((await pat.verify(token)).valid).toBe(true);
    expect(calls).toBe(4);
  });
});
