/**
 * `pnpm dynamodb:local`: runs DynamoDB Local (the jar from the tooling provider, Java 17+) with
 * its data kept in `.dynamodb-data/` at the repository root (git-ignored), and prints what to
 * give `pat`. Port 8000 when free (set DYNAMODB_LOCAL_PORT to choose another), else any free
 * port. Runs until Ctrl+C; the tables survive restarts.
 */
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { freePort, startDynamoDBLocal } from "@pat/tooling/dynamodb";

const dataDir = fileURLToPath(new URL("../../.dynamodb-data/", import.meta.url));

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

async function main(): Promise<void> {
  const wanted = Number(process.env["DYNAMODB_LOCAL_PORT"] ?? "8000");
  if (!Number.isInteger(wanted) || wanted < 1 || wanted > 65_535) {
    throw new Error(
      `DYNAMODB_LOCAL_PORT must be a TCP port, got "${process.env["DYNAMODB_LOCAL_PORT"]}"`,
    );
  }
  const port = (await portIsFree(wanted)) ? wanted : await freePort();
  const local = await startDynamoDBLocal({ port, dbPath: dataDir });
  const stop = (): void => {
    void local.stop().then(() => {
      console.log("DynamoDB Local stopped; the data stays in .dynamodb-data/.");
      process.exit(0);
    });
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  console.log(
    [
      `DynamoDB Local is running at ${local.endpoint} (data in .dynamodb-data/).`,
      "",
      "Use it with pat (after `pnpm build`):",
      `  export DYNAMODB_ENDPOINT=${local.endpoint} PAT_TABLE=tokens`,
      '  alias pat="node $PWD/packages/cli/dist/bin.js"',
      "  pat create-table",
      "  pat issue --owner alice@example.com --role reader --expires-in 90d",
      "  pat list",
      "",
      `or pass --endpoint ${local.endpoint} to each command. Ctrl+C stops it.`,
    ].join("\n"),
  );
}

main().catch((error: unknown) => {
  console.error(`dynamodb:local: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
