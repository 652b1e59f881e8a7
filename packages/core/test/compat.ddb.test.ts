/**
 * Sharing a DynamoDB table with @access-tokens/core: items written the way it writes them (NULL
 * times, no isAdmin, roles as a String Set, 32-byte ln=4 hashes in its PHC form) are read and
 * verified by DynamoDBPat, and the items DynamoDBPat writes pass its record schema. Readers in
 * its manner (DescribeTable for a count, a plain Scan or GetItem judged by its schema) show what
 * it sees in a table DynamoDBPat wrote: our extra attributes and the bootstrap marker.
 */
import {
  DescribeTableCommand,
  PutItemCommand,
  type AttributeValue,
} from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, describe, expect, it } from "vitest";
import { generateTokenId } from "@pat/crypto";
import { DynamoDBPat } from "../src/index.js";
import { theirPhc, theirSchemaProblems, theirToken, theirVerify } from "./support/access-tokens.js";
import { secretFixture, TEST_SCRYPT } from "./support/behaviour/fixtures.js";
import { ddbClient, dropTables, freshTable } from "./support/ddb.js";
import { assertNoSecretLeaked, rememberSecret } from "./support/hygiene.js";

afterAll(async () => {
  assertNoSecretLeaked();
  await dropTables();
});

function secret(): Buffer {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(32)));
}

describe("a table shared with @access-tokens/core", () => {
  async function theirTable() {
    const tableName = await freshTable("compat-theirs");
    const pat = new DynamoDBPat({ tableName, ddbClient, scryptOptions: TEST_SCRYPT });
    /** Puts an item the way they write it and resolves their token for it. */
    const put = async (extra: Record<string, AttributeValue>) => {
      const tokenId = generateTokenId();
      const bytes = secret();
      const phc = theirPhc(bytes, 4);
      const token = theirToken("pat_", tokenId, bytes);
      rememberSecret(phc);
      rememberSecret(token);
      await ddbClient.send(
        new PutItemCommand({
          TableName: tableName,
          Item: {
            tokenId: { S: tokenId },
            secretPhc: { S: phc },
            owner: { S: "them@example.com" },
            createdAt: { N: "1700000000" },
            ...extra,
          },
        }),
      );
      return { tokenId, token };
    };
    return { pat, put };
  }

  it("verifies their item with NULL lastUsedAt and expiresAt, no isAdmin, roles as a String Set", async () => {
    const { pat, put } = await theirTable();
    const { token } = await put({
      lastUsedAt: { NULL: true },
      expiresAt: { NULL: true },
      roles: { SS: ["reader", "writer"] },
    });
    const result = await pat.verify(token);
    expect(result.valid).toBe(true);
    expect(result.record).toMatchObject({ owner: "them@example.com", isAdmin: false });
    expect([...(result.record?.roles ?? [])].sort()).toEqual(["reader", "writer"]);
  });

  it("verifies their item whose revokedAt is NULL (not revoked)", async () => {
    const { pat, put } = await theirTable();
    const { token } = await put({ revokedAt: { NULL: true }, lastUsedAt: { NULL: true } });
    const result = await pat.verify(token);
    expect(result.valid).toBe(true);
  });

  it("answers revoked for their revoked item (expiresAt NULL), and restores it", async () => {
    const { pat, put } = await theirTable();
    const { tokenId, token } = await put({
      isAdmin: { BOOL: true },
      revokedAt: { N: "1700000100" },
      expiresAt: { NULL: true },
    });
    expect(await pat.verify(token)).toMatchObject({
      valid: false,
      reason: "revoked",
      record: { isAdmin: true },
    });
    await pat.restore(tokenId);
    expect((await pat.verify(token)).valid).toBe(true);
  });

  it("writes items their schema accepts and their verify accepts", async () => {
    const tableName = await freshTable("compat-ours");
    const pat = new DynamoDBPat({ tableName, ddbClient, scryptOptions: TEST_SCRYPT });
    const read = async (tokenId: string) => {
      // The document client unmarshalls as their reader sees items (a String Set becomes a Set).
      const out = await DynamoDBDocumentClient.from(ddbClient).send(
        new GetCommand({ TableName: tableName, Key: { tokenId }, ConsistentRead: true }),
      );
      return out.Item ?? {};
    };
    const { token, record } = await pat.issue({
      owner: "us",
      roles: ["a", "b"],
      expiresAt: 2_000_000_000,
    });
    rememberSecret(token);
    expect(record).not.toHaveProperty("secretPhc");
    let item = await read(record.tokenId);
    rememberSecret(String(item.secretPhc));
    expect(item.roles).toBeInstanceOf(Set);
    expect(theirSchemaProblems(item)).toEqual([]);
    expect(theirVerify(token.slice(token.indexOf(".") + 1), String(item.secretPhc))).toBe(true);

    expect((await pat.verify(token)).valid).toBe(true);
    item = await read(record.tokenId);
    expect(typeof item.lastUsedAt).toBe("number");
    expect(theirSchemaProblems(item)).toEqual([]);
    await pat.revoke(record.tokenId, { expiresAt: 1_900_000_000 });
    item = await read(record.tokenId);
    expect(item).toMatchObject({ revokedAt: expect.any(Number), expiresAt: 1_900_000_000 });
    expect(theirSchemaProblems(item)).toEqual([]);
    await pat.restore(record.tokenId);
    await pat.update(record.tokenId, { roles: [] });
    item = await read(record.tokenId);
    expect(item.roles).toBeUndefined();
    expect(theirSchemaProblems(item)).toEqual([]);
    // Labels are extra attributes: their schema ignores them.
    await pat.update(record.tokenId, {
      name: "ci",
      description: "a token with labels",
      metadata: { ticket: "OPS-1" },
    });
    item = await read(record.tokenId);
    expect(item).toMatchObject({ name: "ci", metadata: { ticket: "OPS-1" } });
    expect(theirSchemaProblems(item)).toEqual([]);
  });
});

describe("what @access-tokens/core sees in a table DynamoDBPat wrote", () => {
  const doc = DynamoDBDocumentClient.from(ddbClient);

  it("counts the bootstrap marker, skips it when listing, and ignores writeNonce and expiresAtBeforeRevoke", async () => {
    const tableName = await freshTable("compat-readers");
    const fixture = await secretFixture();
    const pat = new DynamoDBPat({
      tableName,
      ddbClient,
      scryptOptions: TEST_SCRYPT,
      bootstrapPhc: fixture.phc,
    });
    const adminId = generateTokenId();
    expect((await pat.bootstrap(fixture.tokenFor(adminId), { owner: "root" })).valid).toBe(true);
    const kept = await pat.issue({ owner: "us", roles: ["reader"] });
    const revoked = await pat.issue({ owner: "us", expiresAt: 2_000_000_000 });
    rememberSecret(kept.token);
    rememberSecret(revoked.token);
    await pat.revoke(revoked.record.tokenId, { expiresAt: 1_900_000_000 });

    // Their getCount is DescribeTable's ItemCount: the marker item counts. Ours leaves it out.
    const described = await ddbClient.send(new DescribeTableCommand({ TableName: tableName }));
    expect(described.Table?.ItemCount).toBe(4);
    expect(await pat.getCount()).toBe(3);

    // Their list is a Scan whose items pass through their schema: the marker fails it (no
    // secretPhc, no owner, an id that is not 21 base62 characters) and is skipped, after taking
    // its place in a page.
    const items = (await doc.send(new ScanCommand({ TableName: tableName }))).Items ?? [];
    for (const item of items)
      if (typeof item.secretPhc === "string") rememberSecret(item.secretPhc);
    expect(items).toHaveLength(4);
    const marker = items.find((item) => item.tokenId === "#bootstrap");
    expect(marker).toMatchObject({ bootstrapTokenId: adminId, writeNonce: expect.any(String) });
    expect(theirSchemaProblems(marker ?? {})).toEqual(["tokenId", "secretPhc", "owner"]);
    const tokens = items.filter((item) => theirSchemaProblems(item).length === 0);
    expect(tokens.map((item) => item.tokenId).sort()).toEqual(
      [adminId, kept.record.tokenId, revoked.record.tokenId].sort(),
    );
    // Every token item carries our write nonce; their (non-strict) schema ignores it.
    for (const item of tokens) expect(item.writeNonce).toEqual(expect.any(String));

    // Their load is a GetItem judged by the same schema: the revoked item reads as revoked, with
    // the cleanup time as its expiry; the expiry to give back on restore is ours alone.
    const got = await doc.send(
      new GetCommand({ TableName: tableName, Key: { tokenId: revoked.record.tokenId } }),
    );
    expect(got.Item).toMatchObject({
      revokedAt: expect.any(Number),
      expiresAt: 1_900_000_000,
      expiresAtBeforeRevoke: 2_000_000_000,
    });
    expect(theirSchemaProblems(got.Item ?? {})).toEqual([]);
    // Their bootstrap asks getCount for zero: it finds 4 and answers not_found, as ours does.
    expect(
      (await pat.bootstrap(fixture.tokenFor(generateTokenId()), { owner: "root" })).reason,
    ).toBe("not_found");
  });
});
