/**
 * Hostile records and careful token handling through the built binary: owners and roles holding
 * control and bidi characters (stored by other software or before @pat refused them) are printed
 * escaped by every text output and refused when new; a token is read from standard input (`-`) or
 * `PAT_TOKEN`, never required on the command line, and never printed.
 */
import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { testDynamoDBClient, uniqueTableName } from "@pat/tooling/dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { assertFreshBuild, baseEnv, json, runPat } from "./helpers/run-pat";

const endpoint = inject("dynamodbEndpoint");
const table = uniqueTableName("cli-hostile");
const env = baseEnv(endpoint, table);
const hostileOwner = "a\nb\u001b[31mred\u202e";
const escapedOwner = "a\\u000ab\\u001b[31mred\\u202e";
let planted: { token: string; tokenId: string };

/** No raw control or bidi character in `text` (newlines between lines aside). */
function expectClean(text: string): void {
  expect(text.replace(/\n/g, "")).not.toMatch(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/,
  );
}

beforeAll(async () => {
  assertFreshBuild();
  const created = await runPat(["create-table"], env);
  expect(created.code, created.stderr).toBe(0);
  const generated = json<{ token: string; tokenId: string; secretPhc: string }>(
    await runPat(["generate", "--json"], env),
  );
  planted = generated;
  // Written straight to the table, as other software sharing it could.
  const client = testDynamoDBClient(endpoint);
  await client.send(
    new PutItemCommand({
      TableName: table,
      Item: {
        tokenId: { S: generated.tokenId },
        secretPhc: { S: generated.secretPhc },
        owner: { S: hostileOwner },
        isAdmin: { BOOL: false },
        roles: { SS: ["r\u0007", "ok"] },
        createdAt: { N: String(Math.floor(Date.now() / 1000)) },
      },
    }),
  );
  client.destroy();
});

describe("owners and roles with control characters", () => {
  it("are escaped by pat show, pat list and pat verify, and kept exact in JSON", async () => {
    for (const args of [["show", planted.tokenId], ["list"], ["verify", "-"]]) {
      const run = await runPat(args, env, { input: `${planted.token}\n` });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain(escapedOwner);
      expect(run.stdout).toContain("r\\u0007");
      expectClean(run.stdout);
    }
    const shown = await runPat(["show", planted.tokenId, "--json"], env);
    expect(json<{ owner: string }>(shown).owner).toBe(hostileOwner);
  });

  it("are refused in a new owner or role with exit 2, the message naming the code point", async () => {
    const run = await runPat(["issue", "--owner", "x\u001b[2J"], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "owner must not contain control or bidirectional formatting characters (U+001B at index 1)",
    );
    expectClean(run.stderr);
    const role = await runPat(["update", planted.tokenId, "--add-role", "\u202eevil"], env);
    expect(role.code).toBe(2);
    expect(role.stderr).toContain("roles.add[0] must not contain");
    const cleanup = await runPat(["update", planted.tokenId, "--remove-role", "r\u0007"], env);
    expect(cleanup.code, cleanup.stderr).toBe(0);
  });
});

describe("a token for verify and bootstrap", () => {
  it("is read from PAT_TOKEN when no argument is given, and an argument wins over it", async () => {
    const fromEnv = await runPat(["verify", "--json"], env, {
      env: { PAT_TOKEN: planted.token },
    });
    expect(fromEnv.code, fromEnv.stderr).toBe(0);
    expect(json<{ valid: boolean }>(fromEnv).valid).toBe(true);
    const wrong = `${planted.token.slice(0, -2)}AA`;
    const argWins = await runPat(["verify", wrong, "--json"], env, {
      env: { PAT_TOKEN: planted.token },
    });
    expect(argWins.code).toBe(1);
    const stdinWins = await runPat(["verify", "-", "--json"], env, {
      env: { PAT_TOKEN: wrong },
      input: `${planted.token}\n`,
    });
    expect(stdinWins.code, stdinWins.stderr).toBe(0);
  });

  it("is required, pointing at - and PAT_TOKEN, and never printed, even with --debug", async () => {
    const none = await runPat(["verify"], env, { env: { PAT_TOKEN: " " } });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(
      "`pat verify` needs a token: pass - to read it from standard input, or set PAT_TOKEN",
    );
    const unreachable = await runPat(
      ["verify", "--debug", "--endpoint", "http://127.0.0.1:1"],
      env,
      { env: { PAT_TOKEN: planted.token } },
    );
    expect(unreachable.code).toBe(4);
    expect(`${unreachable.stdout}${unreachable.stderr}`).not.toContain(planted.token.split(".")[1]);
  });

  it("is documented as - or PAT_TOKEN first in the help of every command that takes one", async () => {
    for (const command of ["verify", "bootstrap"]) {
      const help = (await runPat([command, "--help"], env)).stdout;
      const usage = help.split("Usage:\n")[1]?.split("\n") ?? [];
      expect(usage[0], command).toMatch(new RegExp(`^  pat ${command} - .*< token\\.txt$`));
      expect(usage[1], command).toMatch(new RegExp(`^  PAT_TOKEN=<token> pat ${command}`));
      expect(help).toContain("shows in the process list and shell history");
    }
  });
});
