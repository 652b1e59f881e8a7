/**
 * DynamoDBPat on DynamoDB Local: @access-tokens/core's constructor forms, the requests it sends
 * (consistency and the owner index are checked on the request, since DynamoDB Local reads are
 * always consistent), and the races: a revoke committed during a verify answers `revoked`, a
 * deleted token is never recreated by verify's `lastUsedAt` write, and of concurrent bootstraps
 * exactly one is valid.
 */
import {
  DeleteItemCommand,
  GetItemCommand,
  ScanCommand,
  type DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { testDynamoDBClient } from "@pat/tooling/dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateTokenId } from "@pat/crypto";
import { DynamoDBPat, DynamoDBTokenStore, type VerifyResult } from "../src/index.js";
import { CountingStore } from "./support/counting-store.js";
import { makePat, secretFixture, TEST_SCRYPT } from "./support/behaviour/fixtures.js";
import { ddbClient, dropTables, endpoint, freshTable } from "./support/ddb.js";
import {
  assertNoSecretLeaked,
  captureConsole,
  expectPatError,
  rememberSecret,
} from "./support/hygiene.js";

type Sent = { name: string; input: Record<string, unknown> }[];

/** A client that records each command's name and input. */
function spyingClient(): { client: DynamoDBClient; sent: Sent } {
  const client = testDynamoDBClient(endpoint);
  const sent: Sent = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push({
        name: String(context.commandName),
        input: args.input as Record<string, unknown>,
      });
      return next(args);
    },
    { step: "initialize", name: "coreSpy" },
  );
  return { client, sent };
}

const base = { scryptOptions: TEST_SCRYPT } as const;

beforeAll(() => captureConsole());
afterAll(async () => {
  assertNoSecretLeaked();
  await dropTables();
});

describe("DynamoDBPat", () => {
  it("works with a docClient, a ddbClient, or builds its own client", async () => {
    const tableName = await freshTable("ctor");
    const docClient = DynamoDBDocumentClient.from(ddbClient);
    const viaDoc = new DynamoDBPat({ tableName, docClient, ...base });
    const viaDdb = new DynamoDBPat({ tableName, ddbClient, ...base });
    const { token, record } = await viaDoc.issue({ owner: "alice", roles: ["r"] });
    rememberSecret(token);
    rememberSecret((await viaDdb.store.get(record.tokenId))?.secretPhc ?? "");
    expect((await viaDdb.verify(token)).valid).toBe(true);
    const mine = [];
    for await (const r of viaDdb.listByOwner("alice")) mine.push(r.tokenId);
    expect(mine).toEqual([record.tokenId]);
    // No client: a default DynamoDBClient, built without any network call.
    expect(new DynamoDBPat({ tableName, ...base }).tokenPrefix).toBe("pat_");
  });

  it("refuses a missing tableName and bad Pat options with INVALID_CONFIG", async () => {
    await expectPatError(() => new DynamoDBPat({ tableName: "" }), "INVALID_CONFIG", /tableName/);
    await expectPatError(
      () => new DynamoDBPat({ tableName: "tokens", ddbClient, tokenPrefix: "a.b" }),
      "INVALID_CONFIG",
      /tokenPrefix/,
    );
  });

  it("reads consistently by default, and eventually consistent when asked", async () => {
    const tableName = await freshTable("consistency");
    const strong = spyingClient();
    const weak = spyingClient();
    const patStrong = new DynamoDBPat({ tableName, ddbClient: strong.client, ...base });
    const patWeak = new DynamoDBPat({
      tableName,
      ddbClient: weak.client,
      consistentRead: false,
      ...base,
    });
    const { token } = await patStrong.issue({ owner: "c" });
    rememberSecret(token);
    await patStrong.verify(token);
    await patWeak.verify(token);
    expect(strong.sent.find((s) => s.name === "GetItemCommand")?.input.ConsistentRead).toBe(true);
    expect(weak.sent.find((s) => s.name === "GetItemCommand")?.input.ConsistentRead).not.toBe(true);
  });

  it("queries the owner index named by ownerIndexName", async () => {
    const tableName = await freshTable("owner-index", "by-owner");
    const spy = spyingClient();
    const pat = new DynamoDBPat({
      tableName,
      ddbClient: spy.client,
      ownerIndexName: "by-owner",
      ...base,
    });
    const { token } = await pat.issue({ owner: "dora" });
    rememberSecret(token);
    const found = [];
    for await (const r of pat.listByOwner("dora")) found.push(r);
    expect(found).toHaveLength(1);
    expect(spy.sent.find((s) => s.name === "QueryCommand")?.input.IndexName).toBe("by-owner");
  });
});

describe("races on DynamoDB Local", () => {
  it("never answers valid for a verify that starts after a revoke committed", async () => {
    const tableName = await freshTable("race-revoke");
    const pat = new DynamoDBPat({ tableName, ddbClient, ...base });
    for (let round = 0; round < 10; round++) {
      const { token, record } = await pat.issue({ owner: "racer" });
      rememberSecret(token);
      let revokedAt = Number.POSITIVE_INFINITY;
      const verifies: Promise<{ started: number; result: VerifyResult }>[] = [];
      const revoke = (async () => {
        await new Promise((r) => setTimeout(r, round % 4));
        await pat.revoke(record.tokenId);
        revokedAt = performance.now();
      })();
      for (let i = 0; i < 8; i++) {
        verifies.push(
          (async () => {
            await new Promise((r) => setTimeout(r, i));
            const started = performance.now();
            return { started, result: await pat.verify(token) };
          })(),
        );
      }
      await revoke;
      const outcomes = await Promise.all(verifies);
      for (const { started, result } of outcomes) {
        if (started > revokedAt) expect(result).toMatchObject({ valid: false, reason: "revoked" });
        else expect(result.valid || (!result.valid && result.reason === "revoked")).toBe(true);
      }
      expect(await pat.verify(token)).toMatchObject({ valid: false, reason: "revoked" });
    }
  });

  it("answers revoked when the revoke lands between verify's read and its write", async () => {
    const tableName = await freshTable("race-touch");
    const inner = new DynamoDBTokenStore({ tableName, ddbClient });
    const store = new CountingStore(inner);
    const { pat } = makePat(store);
    const { token, record } = await pat.issue({ owner: "x" });
    rememberSecret(token);
    store.afterGet = async () => {
      store.afterGet = undefined;
      await inner.revoke(record.tokenId, { revokedAt: 1 });
    };
    expect(await pat.verify(token)).toMatchObject({ valid: false, reason: "revoked" });
    const raw = await ddbClient.send(
      new GetItemCommand({
        TableName: tableName,
        Key: { tokenId: { S: record.tokenId } },
        ConsistentRead: true,
      }),
    );
    expect(raw.Item?.lastUsedAt).toBeUndefined();
  });

  it("never recreates a token deleted between verify's read and its lastUsedAt write", async () => {
    const tableName = await freshTable("race-delete");
    const store = new CountingStore(new DynamoDBTokenStore({ tableName, ddbClient }));
    const { pat } = makePat(store);
    const { token, record } = await pat.issue({ owner: "x" });
    rememberSecret(token);
    store.afterGet = async () => {
      store.afterGet = undefined;
      await ddbClient.send(
        new DeleteItemCommand({ TableName: tableName, Key: { tokenId: { S: record.tokenId } } }),
      );
    };
    expect(await pat.verify(token)).toEqual({ valid: false, reason: "not_found" });
    expect(store.calls.touch).toBe(1);
    const raw = await ddbClient.send(
      new GetItemCommand({
        TableName: tableName,
        Key: { tokenId: { S: record.tokenId } },
        ConsistentRead: true,
      }),
    );
    expect(raw.Item).toBeUndefined();
  });

  it("lets exactly one of 5 concurrent bootstraps under 5 token ids become the admin", async () => {
    const tableName = await freshTable("race-bootstrap");
    const fixture = await secretFixture();
    // Five instances, as five processes would have.
    const pats = Array.from(
      { length: 5 },
      () => new DynamoDBPat({ tableName, ddbClient, bootstrapPhc: fixture.phc, ...base }),
    );
    const ids = Array.from({ length: 5 }, () => generateTokenId());
    const results = await Promise.all(
      pats.map((p, i) => p.bootstrap(fixture.tokenFor(ids[i] ?? ""), { owner: "root" })),
    );
    expect(results.filter((r) => r.valid)).toHaveLength(1);
    const items = await ddbClient.send(
      new ScanCommand({ TableName: tableName, ConsistentRead: true }),
    );
    const tokens = (items.Items ?? []).filter((item) => ids.includes(item.tokenId?.S ?? ""));
    expect(tokens).toHaveLength(1);
    expect(tokens[0]?.isAdmin?.BOOL).toBe(true);
    const winner = ids.find((id) => id === tokens[0]?.tokenId?.S) ?? "";
    expect((await pats[0]?.verify(fixture.tokenFor(winner)))?.valid).toBe(true);
  });
});
