/**
 * Storage failures through the tooling's fault proxy (between the SDK and DynamoDB Local): every
 * method of DynamoDBPat either succeeds after the SDK's retries or throws `STORAGE_ERROR`;
 * `verify` never turns a storage failure into a verdict; and no error, down its cause chain,
 * carries a secret or a PHC string.
 */
import { startFaultProxy, testDynamoDBClient, type FaultProxy } from "@pat/tooling/dynamodb";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateTokenId } from "@pat/crypto";
import { DynamoDBPat } from "../src/index.js";
import { secretFixture, TEST_SCRYPT } from "./support/behaviour/fixtures.js";
import { dropTables, endpoint, freshTable } from "./support/ddb.js";
import {
  assertNoSecretLeaked,
  captureConsole,
  expectPatError,
  rememberSecret,
} from "./support/hygiene.js";

let proxy: FaultProxy;
let tableName: string;

beforeAll(async () => {
  captureConsole();
  proxy = await startFaultProxy({ target: endpoint, seed: 7 });
  tableName = await freshTable("faults");
});
afterAll(async () => {
  assertNoSecretLeaked();
  await proxy.close();
  await dropTables();
});

function patThroughProxy(maxAttempts: number, extra: { bootstrapPhc?: string } = {}) {
  const ddbClient = testDynamoDBClient(proxy.endpoint, { maxAttempts });
  return new DynamoDBPat({ tableName, ddbClient, scryptOptions: TEST_SCRYPT, ...extra });
}

describe("DynamoDBPat under storage faults", () => {
  it("throws STORAGE_ERROR from every method when DynamoDB keeps failing, and verify gives no verdict", async () => {
    proxy.setFaults({});
    const pat = patThroughProxy(1);
    const { token, record } = await pat.issue({ owner: "faulty" });
    rememberSecret(token);
    rememberSecret((await pat.store.get(record.tokenId))?.secretPhc ?? "");
    const fixture = await secretFixture();
    const bootstrapping = patThroughProxy(1, { bootstrapPhc: fixture.phc });

    proxy.setFaults({ http500: 1 });
    const id = record.tokenId;
    const calls: [string, () => Promise<unknown>][] = [
      ["issue", () => pat.issue({ owner: "faulty" })],
      ["verify", () => pat.verify(token)],
      ["update", () => pat.update(id, { owner: "x" })],
      ["revoke", () => pat.revoke(id)],
      ["restore", () => pat.restore(id)],
      [
        "list",
        async () => {
          for await (const _ of pat.list()) break;
        },
      ],
      [
        "listByOwner",
        async () => {
          for await (const _ of pat.listByOwner("faulty")) break;
        },
      ],
      ["batchLoad", () => pat.batchLoad([id, generateTokenId()])],
      ["getCount", () => pat.getCount()],
      [
        "bootstrap",
        () => bootstrapping.bootstrap(fixture.tokenFor(generateTokenId()), { owner: "root" }),
      ],
    ];
    for (const [name, call] of calls) {
      const error = await expectPatError(call, "STORAGE_ERROR");
      expect(error.name, name).toBe("StorageError");
      expect((error as Error & { cause?: unknown }).cause, name).toBeDefined();
    }
    proxy.setFaults({});
    expect((await pat.verify(token)).valid).toBe(true);
  });

  it("keeps the PHC of register and update out of a ValidationException that quotes the request", async () => {
    proxy.setFaults({});
    const pat = patThroughProxy(1);
    const { tokenId, secretPhc } = await pat.generate();
    rememberSecret(secretPhc);
    const { record } = await pat.issue({ owner: "echoed" });
    const stored = (await pat.store.get(record.tokenId))?.secretPhc ?? "";
    rememberSecret(stored);
    proxy.setFaults({ echo: 1, operations: ["PutItem", "UpdateItem"] });
    const failures = [
      await expectPatError(pat.register({ tokenId, secretPhc, owner: "echoed" }), "STORAGE_ERROR"),
      await expectPatError(pat.update(record.tokenId, { secretPhc }), "STORAGE_ERROR"),
    ];
    proxy.setFaults({});
    expect(proxy.stats().echo).toBe(2);
    for (const error of failures) {
      const cause = (error as Error & { cause?: unknown }).cause as Error & Record<string, unknown>;
      expect(error).toMatchObject({ storageErrorName: "ValidationException" });
      expect(cause).toMatchObject({
        name: "ValidationException",
        httpStatusCode: 400,
        requestId: "fault-proxy",
        $fault: "client",
      });
      // The echo is kept, with every value of the request redacted.
      expect(cause.message).toMatch(/^One or more parameter values were invalid: /);
      expect(cause.message).toContain("[redacted]");
      for (const text of [
        error.message,
        cause.message,
        String(cause.stack),
        inspect(error, { depth: 8 }),
      ]) {
        expect(text).not.toContain(secretPhc);
        expect(text).not.toContain(stored);
        expect(text).not.toMatch(/\$scrypt\$/);
      }
    }
  });

  it("throws STORAGE_ERROR when the lastUsedAt write fails, instead of answering valid", async () => {
    proxy.setFaults({});
    const pat = patThroughProxy(1);
    const { token } = await pat.issue({ owner: "touchy" });
    rememberSecret(token);
    proxy.setFaults({ http500: 1, operations: ["UpdateItem"] });
    await expectPatError(pat.verify(token), "STORAGE_ERROR");
    proxy.setFaults({});
  });

  it("answers correctly through intermittent faults, with the SDK's retries", async () => {
    proxy.setFaults({});
    const pat = patThroughProxy(6);
    const issued = [];
    for (let i = 0; i < 4; i++) issued.push(await pat.issue({ owner: "retry", roles: ["r"] }));
    for (const { token, record } of issued) {
      rememberSecret(token);
      rememberSecret((await pat.store.get(record.tokenId))?.secretPhc ?? "");
    }
    const other = await secretFixture();
    proxy.setFaults({ http500: 0.1, throttle: 0.05 });
    for (const { token } of issued) expect((await pat.verify(token)).valid).toBe(true);
    expect(await pat.verify(other.tokenFor(issued[0]?.record.tokenId ?? ""))).toEqual({
      valid: false,
      reason: "invalid_secret",
    });
    await pat.revoke(issued[1]?.record.tokenId ?? "");
    expect(await pat.verify(issued[1]?.token ?? "")).toMatchObject({
      valid: false,
      reason: "revoked",
    });
    const loaded = await pat.batchLoad(issued.map((x) => x.record.tokenId));
    expect(loaded.found).toHaveLength(4);
    expect(proxy.stats().http500 + proxy.stats().throttle).toBeGreaterThan(0);
    proxy.setFaults({});
  });
});
