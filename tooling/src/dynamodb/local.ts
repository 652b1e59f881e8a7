/**
 * Runs AWS's DynamoDB Local jar, as shipped inside the npm package `amplify-dynamodb-simulator`
 * (`emulator/DynamoDBLocal.jar`), on a free port. Only a Java 17+ runtime is needed.
 *
 * Flags (from the jar's `-help`, version 1.25.1): `-inMemory` or `-dbPath <dir>`, `-sharedDb`
 * (one database whatever the client's region and credentials, so a CLI and a test see the same
 * tables), `-disableTelemetry`, `-port`. The JVM heap is capped (`-Xmx`), because the machine
 * running the tests is small and the JVM otherwise sizes its heap from total RAM.
 *
 * The process is stopped by `stop()`, and also when this Node process exits or receives
 * SIGINT/SIGTERM/SIGHUP. A tiny `sh` watchdog reading our stdin kills the JVM if this process
 * dies without running any handler (SIGKILL): the pipe closes and `read` returns.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { waitForDynamoDB } from "./client";

/** Options of {@link startDynamoDBLocal}. */
export interface DynamoDBLocalOptions {
  /** TCP port on 127.0.0.1; default: a free port chosen by the OS. */
  port?: number;
  /** Keep the data in this folder (`-dbPath`) instead of in memory; created when missing. */
  dbPath?: string;
  /** The `java` executable; default `$JAVA_HOME/bin/java` when set, else `java` on PATH. */
  java?: string;
  /** JVM heap limit, passed as `-Xmx`; default `512m`. */
  maxHeap?: string;
  /** How long to wait for ListTables to answer; default 60 s. */
  startTimeoutMs?: number;
}

/** A running DynamoDB Local. */
export interface DynamoDBLocalHandle {
  /** `http://127.0.0.1:<port>`. */
  endpoint: string;
  /** The JVM's process id. */
  pid: number;
  /** Stops the JVM (SIGTERM, then SIGKILL after 5 s); idempotent. */
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);
const running = new Set<ChildProcess>();
let handlersInstalled = false;

/** Folder holding `DynamoDBLocal.jar` and `DynamoDBLocal_lib/`. */
export function dynamoDBLocalDir(): string {
  let pkg: string;
  try {
    pkg = require.resolve("amplify-dynamodb-simulator/package.json");
  } catch (error) {
    throw new Error(
      "DynamoDB Local: the npm package amplify-dynamodb-simulator is not installed " +
        "(it is a dependency of @pat/tooling; run pnpm install).",
      { cause: error },
    );
  }
  const dir = join(dirname(pkg), "emulator");
  if (!existsSync(join(dir, "DynamoDBLocal.jar"))) {
    throw new Error(`DynamoDB Local: ${join(dir, "DynamoDBLocal.jar")} is missing.`);
  }
  return dir;
}

function javaExecutable(explicit?: string): string {
  if (explicit) return explicit;
  const home = process.env["JAVA_HOME"];
  if (home && existsSync(join(home, "bin", "java"))) return join(home, "bin", "java");
  return "java";
}

function killAllSync(signal: NodeJS.Signals): void {
  for (const child of running) {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

function installExitHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.once("exit", () => killAllSync("SIGKILL"));
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    const onSignal = (): void => {
      killAllSync("SIGKILL");
      // When we are the only listener, Node would otherwise swallow the signal: re-raise it so
      // the process ends the way it would have without us.
      if (process.listenerCount(signal) === 1) {
        process.removeListener(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolvePort(address.port);
        else reject(new Error("freePort: no address"));
      });
    });
  });
}

function startWatchdog(javaPid: number): ChildProcess {
  // `read` returns when our end of the pipe closes, which happens however this process ends.
  const watchdog = spawn("sh", ["-c", `read _ignored; kill ${javaPid} 2>/dev/null`], {
    stdio: ["pipe", "ignore", "ignore"],
  });
  watchdog.on("error", () => undefined);
  watchdog.unref();
  (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return watchdog;
}

async function startOnce(options: DynamoDBLocalOptions): Promise<DynamoDBLocalHandle> {
  const dir = dynamoDBLocalDir();
  const port = options.port ?? (await freePort());
  const java = javaExecutable(options.java);
  const storage: string[] = [];
  if (options.dbPath !== undefined) {
    const dbPath = resolve(options.dbPath);
    mkdirSync(dbPath, { recursive: true });
    storage.push("-dbPath", dbPath);
  } else {
    storage.push("-inMemory");
  }
  const args = [
    `-Xmx${options.maxHeap ?? "512m"}`,
    "-XX:+UseSerialGC",
    `-Djava.library.path=${join(dir, "DynamoDBLocal_lib")}`,
    "-jar",
    "DynamoDBLocal.jar",
    ...storage,
    "-sharedDb",
    "-disableTelemetry",
    "-port",
    String(port),
  ];
  const child = spawn(java, args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString("utf8")).slice(-4_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);

  let exitReason: string | undefined;
  const exited = new Promise<void>((resolveExit) => {
    child.once("error", (error: NodeJS.ErrnoException) => {
      exitReason =
        error.code === "ENOENT"
          ? `"${java}" was not found. DynamoDB Local needs a Java 17+ runtime: install one ` +
            "(Debian/Ubuntu: apt-get install -y openjdk-17-jre-headless), or set " +
            "DYNAMODB_ENDPOINT to a running DynamoDB, or start a Docker engine."
          : `could not start "${java}": ${error.message}`;
      running.delete(child);
      resolveExit();
    });
    child.once("exit", (code, signal) => {
      exitReason ??= `java exited (${signal ?? `code ${String(code)}`}): ${output.trim()}`;
      running.delete(child);
      resolveExit();
    });
  });
  running.add(child);
  installExitHandlers();
  const watchdog = child.pid === undefined ? undefined : startWatchdog(child.pid);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      watchdog?.kill("SIGKILL");
      if (child.exitCode === null && child.signalCode === null && exitReason === undefined) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
      running.delete(child);
    })();
    return stopping;
  };

  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitForDynamoDB(endpoint, {
      timeoutMs: options.startTimeoutMs ?? 60_000,
      isAlive: () => exitReason,
    });
  } catch (error) {
    await stop();
    const detail = exitReason ?? (error instanceof Error ? error.message : String(error));
    throw new Error(`DynamoDB Local did not start on port ${port}: ${detail}`, { cause: error });
  }
  return { endpoint, pid: child.pid ?? -1, stop };
}

/**
 * Starts DynamoDB Local from the jar in `amplify-dynamodb-simulator` and resolves once it answers
 * ListTables. In memory by default; pass `dbPath` to keep tables between runs.
 *
 * @throws Error with an actionable message when `java` is missing, the jar is missing, or the
 * emulator does not answer before `startTimeoutMs`.
 * @example
 * ```ts
 * const local = await startDynamoDBLocal();
 * try {
 *   const client = testDynamoDBClient(local.endpoint);
 * } finally {
 *   await local.stop();
 * }
 * ```
 */
export async function startDynamoDBLocal(
  options: DynamoDBLocalOptions = {},
): Promise<DynamoDBLocalHandle> {
  // A port picked by the OS can be taken by someone else before the JVM binds it; try again
  // with another one in that case (only when the caller did not ask for a port).
  const attempts = options.port === undefined ? 3 : 1;
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options);
    } catch (error) {
      const message = error instanceof Error ? error.message : "";
      const portTaken = /BindException|Address already in use/i.test(message);
      if (!portTaken || attempt >= attempts) throw error;
    }
  }
}
