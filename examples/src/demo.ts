/**
 * `pnpm demo`: a guided walk through @pat/core against a real DynamoDB, in readable steps.
 *
 * It starts DynamoDB Local through the tooling provider (DYNAMODB_ENDPOINT if set, else Docker,
 * else the DynamoDB Local jar with Java 17+), creates a table, then: issue → verify → add a role →
 * list by role → revoke → verify says revoked → restore → batch load → bootstrap on an empty
 * table. Each step checks its outcome (the demo doubles as an end-to-end test) and the demo
 * always cleans up: tables it created are deleted and a DynamoDB it started is stopped, also
 * when a step fails or on Ctrl+C.
 */
import assert from "node:assert/strict";
import { DeleteTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createTokenTable, DynamoDBPat } from "@pat/core";
import { resolveDynamoDBEndpoint } from "@pat/tooling/dynamodb";

// Node 20 is supported; the SDK's notice about its 2027 releases would only clutter the demo.
process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";

const useColour = process.stdout.isTTY === true && !process.env["NO_COLOR"];
const paint = (code: number) => (text: string) =>
  useColour ? `\u001b[${code}m${text}\u001b[0m` : text;
const bold = paint(1);
const dim = paint(2);
const green = paint(32);

// For the demo's own test only: fail after this step, to prove the cleanup runs on errors.
const failAfterStep = Number(process.env["PAT_DEMO_FAIL_AFTER_STEP"] ?? "0");

let stepNumber = 0;
function step(title: string): void {
  if (failAfterStep > 0 && stepNumber === failAfterStep) {
    throw new Error(`stopped after step ${failAfterStep} (PAT_DEMO_FAIL_AFTER_STEP)`);
  }
  stepNumber++;
  console.log(`\n${bold(`${stepNumber}. ${title}`)}`);
}
function show(label: string, value: unknown): void {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  console.log(`   ${dim(label.padEnd(10))} ${text}`);
}
function ok(text: string): void {
  console.log(`   ${green("✓")} ${text}`);
}
/** A token with its secret cut short: even a demo should not print secrets whole. */
function shortToken(token: string): string {
  const dot = token.indexOf(".");
  return `${token.slice(0, dot + 7)}… (${token.length} chars)`;
}

/** `token` with the first character of its secret changed (the last one has unused bits). */
function wrongSecret(token: string): string {
  const at = token.indexOf(".") + 1;
  return `${token.slice(0, at)}${token[at] === "A" ? "B" : "A"}${token.slice(at + 1)}`;
}

async function main(): Promise<void> {
  console.log(bold("@pat demo: personal access tokens on DynamoDB"));
  const dynamo = await resolveDynamoDBEndpoint();
  const tables: string[] = [];
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const stopAll = async (): Promise<void> => {
    for (const TableName of tables) {
      await client.send(new DeleteTableCommand({ TableName })).catch(() => undefined);
    }
    client.destroy();
    await dynamo.stop();
  };
  const onSignal = (): void => {
    void stopAll().finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    console.log(dim(`DynamoDB (${dynamo.provider}) at ${dynamo.endpoint}`));
    await walk(client, tables);
    console.log(`\n${green("Demo complete.")} Every step behaved as described.`);
  } finally {
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
    await stopAll();
    console.log(dim("Cleaned up: demo tables deleted, DynamoDB stopped if the demo started it."));
  }
}

async function walk(client: DynamoDBClient, tables: string[]): Promise<void> {
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const tableName = `pat-demo-${suffix}`;

  step(`Create the table ${tableName}`);
  tables.push(tableName);
  const created = await createTokenTable({ client, tableName });
  assert.equal(created.created, true);
  ok("partition key tokenId, GSI owner-index, TTL on expiresAt, on-demand billing");

  const pat = new DynamoDBPat({ tableName, ddbClient: client });

  step("Issue a token for alice@example.com with the role reader, expiring in 90 days");
  const expiresAt = Math.floor(Date.now() / 1000) + 90 * 86_400;
  const { token, record } = await pat.issue({
    owner: "alice@example.com",
    roles: ["reader"],
    expiresAt,
  });
  show("token", shortToken(token));
  show("tokenId", record.tokenId);
  const [stored] = (await pat.batchLoad([record.tokenId], { includeSecretPhc: true })).found;
  assert.ok(stored !== undefined && stored.secretPhc.startsWith("$scrypt$ln=14,r=8,p=1$"));
  show("stored", `secretPhc ${stored.secretPhc.slice(0, 22)}… (only the scrypt hash is kept)`);

  step("Verify it, as a service would on each request");
  const verified = await pat.verify(token);
  assert.equal(verified.valid, true);
  assert.ok(verified.valid);
  show("result", { valid: true, owner: verified.record.owner, roles: verified.record.roles });
  ok("valid; lastUsedAt recorded");
  const wrong = await pat.verify(wrongSecret(token));
  assert.deepEqual(wrong, { valid: false, reason: "invalid_secret" });
  ok(`a token with a wrong secret: ${JSON.stringify(wrong)}`);

  step("Add the role writer (an atomic set operation)");
  await pat.update(record.tokenId, { roles: { add: ["writer"] } });
  const other = await pat.issue({ owner: "bob@example.com", roles: ["reader"] });
  const afterAdd = await pat.verify(token);
  assert.ok(afterAdd.valid);
  assert.deepEqual([...(afterAdd.record.roles ?? [])].sort(), ["reader", "writer"]);
  show("roles", afterAdd.record.roles);

  step("List tokens by role");
  const writers: string[] = [];
  for await (const listed of pat.list({ hasRole: "writer" })) writers.push(listed.owner);
  const readers: string[] = [];
  for await (const listed of pat.list({ hasRole: "reader" })) readers.push(listed.owner);
  assert.deepEqual(writers, ["alice@example.com"]);
  assert.deepEqual(readers.sort(), ["alice@example.com", "bob@example.com"]);
  show("writer", writers);
  show("reader", readers.sort());
  const bobs: string[] = [];
  for await (const listed of pat.listByOwner("bob@example.com")) bobs.push(listed.tokenId);
  assert.deepEqual(bobs, [other.record.tokenId]);
  ok("listByOwner(bob@example.com) uses the owner-index GSI");

  step("Revoke alice's token");
  await pat.revoke(record.tokenId);
  const revoked = await pat.verify(token);
  assert.equal(revoked.valid, false);
  assert.equal(revoked.valid === false && revoked.reason, "revoked");
  show("verify", { valid: revoked.valid, reason: "revoked" });
  ok("the next verify says revoked (reads are strongly consistent)");

  step("Restore it");
  await pat.restore(record.tokenId);
  const restored = await pat.verify(token);
  assert.equal(restored.valid, true);
  assert.ok(restored.valid);
  assert.equal(restored.record.expiresAt, expiresAt);
  ok("valid again, with the expiry it had before");

  step("Batch load several tokens at once");
  const missing = "AAAAAAAAAAAAAAAAAAAAA";
  const loaded = await pat.batchLoad([record.tokenId, other.record.tokenId, missing]);
  assert.deepEqual(
    loaded.found.map((found) => found.owner),
    ["alice@example.com", "bob@example.com"],
  );
  assert.deepEqual(loaded.notFound, [missing]);
  show(
    "found",
    loaded.found.map((found) => found.tokenId),
  );
  show("notFound", loaded.notFound);

  step("Bootstrap the first admin token of a new, empty table");
  const bootTable = `pat-demo-boot-${suffix}`;
  tables.push(bootTable);
  await createTokenTable({ client, tableName: bootTable });
  // The operator generates the bootstrap token offline and configures only its hash.
  const generator = new DynamoDBPat({ tableName: bootTable, ddbClient: client });
  const bootstrapToken = await generator.generate();
  show("generated", `${shortToken(bootstrapToken.token)}; its hash goes into bootstrapPhc`);
  const service = new DynamoDBPat({
    tableName: bootTable,
    ddbClient: client,
    bootstrapPhc: bootstrapToken.secretPhc,
  });
  const first = await service.bootstrap(bootstrapToken.token, { owner: "root@example.com" });
  assert.equal(first.valid, true);
  assert.ok(first.valid);
  assert.equal(first.record.isAdmin, true);
  ok(`stored as the first admin token (owner ${first.record.owner})`);
  const second = await service.bootstrap(bootstrapToken.token, { owner: "root@example.com" });
  assert.deepEqual(second, { valid: false, reason: "not_found" });
  ok("a second bootstrap is refused: the table is no longer empty");
  const admin = await service.verify(bootstrapToken.token);
  assert.equal(admin.valid, true);
  ok("the bootstrap token now verifies like any other token");
}

main().catch((error: unknown) => {
  console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
