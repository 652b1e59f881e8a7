/**
 * Picks the DynamoDB endpoint for a test run, in this order:
 * 1. `DYNAMODB_ENDPOINT` when set (LocalStack, a DynamoDB Local you started, real AWS);
 * 2. testcontainers with the `amazon/dynamodb-local` image when a Docker engine answers a ping;
 * 3. the DynamoDB Local jar inside `amplify-dynamodb-simulator`, run with `java`.
 * Set `PAT_DYNAMODB_PROVIDER=jar` or `=docker` to skip the detection and force one of 2 and 3.
 */
import { request } from "node:http";
import { homedir } from "node:os";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { waitForDynamoDB } from "./client";
import { startDynamoDBLocal } from "./local";

/** Which provider served the endpoint. */
export type DynamoDBProvider = "env" | "docker" | "jar";

/** A DynamoDB endpoint for tests and how to release it. */
export interface ResolvedDynamoDB {
  endpoint: string;
  provider: DynamoDBProvider;
  /** Stops what was started (nothing for `env`); idempotent. */
  stop(): Promise<void>;
}

type DockerTarget = { socketPath: string } | { host: string; port: number };

function dockerTarget(): DockerTarget | undefined {
  const fromEnv = process.env["DOCKER_HOST"];
  if (fromEnv) {
    if (fromEnv.startsWith("unix://")) return { socketPath: fromEnv.slice("unix://".length) };
    if (fromEnv.startsWith("tcp://")) {
      const url = new URL(fromEnv.replace(/^tcp:/, "http:"));
      return { host: url.hostname, port: Number(url.port || 2375) };
    }
    return undefined;
  }
  const candidates = ["/var/run/docker.sock", join(homedir(), ".docker", "run", "docker.sock")];
  const runtimeDir = process.env["XDG_RUNTIME_DIR"];
  if (runtimeDir) candidates.push(join(runtimeDir, "docker.sock"));
  const found = candidates.find((path) => existsSync(path));
  return found ? { socketPath: found } : undefined;
}

/**
 * True when a Docker engine answers `GET /_ping` within `timeoutMs`. A missing socket answers
 * false at once, so machines without Docker pay nothing.
 */
export async function dockerAnswers(timeoutMs = 1_500): Promise<boolean> {
  const target = dockerTarget();
  if (!target) return false;
  return new Promise((resolveAnswer) => {
    const req = request({ ...target, path: "/_ping", method: "GET", timeout: timeoutMs }, (res) => {
      res.resume();
      resolveAnswer(res.statusCode === 200);
    });
    req.once("timeout", () => req.destroy(new Error("timeout")));
    req.once("error", () => resolveAnswer(false));
    req.end();
  });
}

async function startContainer(): Promise<ResolvedDynamoDB> {
  const { GenericContainer, Wait } = await import("testcontainers");
  const container = await new GenericContainer("amazon/dynamodb-local")
    .withExposedPorts(8000)
    .withCommand(["-jar", "DynamoDBLocal.jar", "-inMemory", "-sharedDb", "-disableTelemetry"])
    .withWaitStrategy(Wait.forListeningPorts())
    .start();
  const endpoint = `http://${container.getHost()}:${container.getMappedPort(8000)}`;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= container.stop().then(() => undefined);
    return stopping;
  };
  try {
    await waitForDynamoDB(endpoint, { timeoutMs: 60_000 });
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, provider: "docker", stop };
}

/**
 * Returns a DynamoDB endpoint for tests, starting an emulator when needed (see the module
 * comment for the order). The caller must call `stop()` when done.
 *
 * @throws Error listing what was tried when no provider can start (e.g. no Docker and no Java).
 * @example
 * ```ts
 * const ddb = await resolveDynamoDBEndpoint();
 * try {
 *   console.log(ddb.provider, ddb.endpoint);
 * } finally {
 *   await ddb.stop();
 * }
 * ```
 */
export async function resolveDynamoDBEndpoint(): Promise<ResolvedDynamoDB> {
  const fromEnv = process.env["DYNAMODB_ENDPOINT"];
  if (fromEnv) {
    await waitForDynamoDB(fromEnv, { timeoutMs: 15_000 });
    return { endpoint: fromEnv, provider: "env", stop: async () => undefined };
  }

  const forced = process.env["PAT_DYNAMODB_PROVIDER"];
  const failures: string[] = [];
  if (forced === "docker" || (forced !== "jar" && (await dockerAnswers()))) {
    try {
      return await startContainer();
    } catch (error) {
      failures.push(`docker (amazon/dynamodb-local): ${(error as Error).message}`);
      if (forced === "docker") throw new Error(failures[0], { cause: error });
    }
  } else if (forced !== "jar") {
    failures.push("docker: no Docker engine answered");
  }

  try {
    const local = await startDynamoDBLocal();
    return { endpoint: local.endpoint, provider: "jar", stop: local.stop };
  } catch (error) {
    failures.push(`jar (amplify-dynamodb-simulator): ${(error as Error).message}`);
    throw new Error(
      "No DynamoDB for the tests. Set DYNAMODB_ENDPOINT, start Docker, or install Java 17+.\n" +
        failures.map((line) => `  - ${line}`).join("\n"),
      { cause: error },
    );
  }
}
