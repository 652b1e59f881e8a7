/**
 * Rotation in a table shared with @access-tokens/core: both items a rotation leaves pass its
 * record schema, and its verify rules (secret, then `revokedAt`, then `expiresAt <= now`) accept
 * the old secret exactly during the grace period and the new one throughout, because the old
 * item's expiry is lowered to the end of grace (rotation only adds attributes it ignores).
 */
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, describe, expect, it } from "vitest";
import { DynamoDBPat } from "../src/index.js";
import { theirSchemaProblems, theirVerify } from "./support/access-tokens.js";
import { T0, TEST_SCRYPT } from "./support/behaviour/fixtures.js";
import { ddbClient, dropTables, freshTable } from "./support/ddb.js";
import { assertNoSecretLeaked, rememberSecret } from "./support/hygiene.js";

afterAll(async () => {
  assertNoSecretLeaked();
  await dropTables();
});

const doc = DynamoDBDocumentClient.from(ddbClient);

/** Their verify of `token` against the stored `item` at `now`: valid, or the reason. */
function theirAnswer(token: string, item: Record<string, unknown>, now: number): string {
  const secretText = token.slice(token.indexOf(".") + 1);
  if (!theirVerify(secretText, item.secretPhc as string)) return "invalid_secret";
  if (item.revokedAt) return "revoked";
  if (item.expiresAt && (item.expiresAt as number) <= now) return "expired";
  return "valid";
}

describe("rotation in a table shared with @access-tokens/core", () => {
  it("leaves items they read, accepting the old secret only during the grace", async () => {
    const tableName = await freshTable("rotate-compat");
    const clock = { seconds: T0 };
    const pat = new DynamoDBPat({
      tableName,
      ddbClient,
      scryptOptions: TEST_SCRYPT,
      clock: () => clock.seconds * 1000,
    });
    const old = await pat.issue({ owner: "them@example.com", roles: ["read"] });
    const next = await pat.rotate(old.record.tokenId, { graceSeconds: 300 });
    rememberSecret(old.token);
    rememberSecret(next.token);
    const read = async (tokenId: string) =>
      (await doc.send(new GetCommand({ TableName: tableName, Key: { tokenId } }))).Item ?? {};
    const oldItem = await read(old.record.tokenId);
    const newItem = await read(next.record.tokenId);
    rememberSecret(String(oldItem.secretPhc));
    rememberSecret(String(newItem.secretPhc));
    expect(theirSchemaProblems(oldItem)).toEqual([]);
    expect(theirSchemaProblems(newItem)).toEqual([]);
    expect(oldItem.revokedAt).toBeUndefined();
    expect(oldItem.expiresAt).toBe(T0 + 300);
    expect(theirAnswer(old.token, oldItem, T0 + 299)).toBe("valid");
    expect(theirAnswer(old.token, oldItem, T0 + 300)).toBe("expired");
    expect(theirAnswer(next.token, newItem, T0 + 300)).toBe("valid");
    clock.seconds = T0 + 300;
    expect((await pat.verify(old.token)).reason).toBe("revoked");
    expect((await pat.verify(next.token)).valid).toBe(true);
  });
});
