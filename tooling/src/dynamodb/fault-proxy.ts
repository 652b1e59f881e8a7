/**
 * A fault-injecting HTTP proxy for the DynamoDB JSON protocol (`X-Amz-Target:
 * DynamoDB_20120810.<Operation>`), placed between the AWS SDK and DynamoDB Local.
 *
 * For a chosen share of requests it answers HTTP 500 (`InternalServerError`), HTTP 400
 * `ThrottlingException`, HTTP 400 `ValidationException` whose message quotes the whole request
 * body (the worst a server could echo back), or destroys the connection. A fault applies either before the request
 * is forwarded (nothing happened) or after (the write happened but the client saw an error, the
 * case that "no acknowledged write is lost" tests need). For BatchGetItem it can also move a share
 * of the returned items' keys into `UnprocessedKeys`, as DynamoDB does under load.
 *
 * Decisions come from a seeded PRNG (mulberry32), one draw per decision in arrival order, so a
 * sequential client sees the same faults for the same seed.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

/** Shares in [0, 1] of requests that get each fault; error shares must sum to at most 1. */
export interface FaultSettings {
  /** Share answered with HTTP 500 `InternalServerError`. */
  http500?: number;
  /** Share answered with HTTP 400 `ThrottlingException`. */
  throttle?: number;
  /** Share whose connection is destroyed without an answer. */
  reset?: number;
  /** Share answered with HTTP 400 `ValidationException` quoting the request body. */
  echo?: number;
  /** For BatchGetItem answers: share of returned items moved into `UnprocessedKeys`. */
  trimBatchGet?: number;
  /** Only these operations (e.g. `["PutItem", "UpdateItem"]`) get faults; default all. */
  operations?: readonly string[];
  /**
   * When error faults apply: `before` forwarding (default), `after` forwarding (the operation
   * took effect, the client sees an error), or `random` (each fault picks one, seeded).
   */
  phase?: "before" | "after" | "random";
}

/** Counters of what the proxy did since it started. */
export interface FaultProxyStats {
  /** Requests received. */
  requests: number;
  /** Requests forwarded to the target. */
  forwarded: number;
  /** Requests received per operation name. */
  byOperation: Record<string, number>;
  http500: number;
  throttle: number;
  reset: number;
  echo: number;
  /** Error faults applied after forwarding (the operation took effect). */
  afterForward: number;
  /** BatchGetItem keys moved into UnprocessedKeys. */
  trimmedKeys: number;
}

/** Options of {@link startFaultProxy}. */
export interface FaultProxyOptions {
  /** The DynamoDB endpoint to forward to, e.g. `http://127.0.0.1:8000`. */
  target: string;
  /** PRNG seed; default 1. */
  seed?: number;
  /** Initial faults; default none (a transparent proxy). */
  faults?: FaultSettings;
}

/** A running fault proxy. */
export interface FaultProxy {
  /** `http://127.0.0.1:<port>`: give this to the SDK client. */
  endpoint: string;
  /** Replaces the fault settings (validated); `{}` turns faults off. */
  setFaults(faults: FaultSettings): void;
  /** A copy of the counters. */
  stats(): FaultProxyStats;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

type ErrorFault = "http500" | "throttle" | "reset" | "echo";

const JSON_CONTENT_TYPE = "application/x-amz-json-1.0";

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function errorShare(faults: FaultSettings): number {
  return (faults.http500 ?? 0) + (faults.throttle ?? 0) + (faults.reset ?? 0) + (faults.echo ?? 0);
}

function validate(faults: FaultSettings): FaultSettings {
  for (const name of ["http500", "throttle", "reset", "echo", "trimBatchGet"] as const) {
    const share = faults[name];
    if (share !== undefined && !(Number.isFinite(share) && share >= 0 && share <= 1)) {
      throw new RangeError(`fault proxy: ${name} must be a share in [0, 1], got ${share}`);
    }
  }
  const total = errorShare(faults);
  if (total > 1 + 1e-9) {
    throw new RangeError(
      `fault proxy: http500 + throttle + reset + echo must be at most 1, got ${total}`,
    );
  }
  if (faults.phase !== undefined && !["before", "after", "random"].includes(faults.phase)) {
    throw new RangeError(`fault proxy: phase must be before, after or random`);
  }
  return { ...faults, ...(faults.operations ? { operations: [...faults.operations] } : {}) };
}

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.once("end", () => resolveBody(Buffer.concat(chunks)));
    stream.once("error", reject);
  });
}

function sendError(
  res: ServerResponse,
  fault: "http500" | "throttle" | "echo",
  requestBody: Buffer,
): void {
  const [status, type, message] =
    fault === "http500"
      ? [500, "com.amazonaws.dynamodb.v20120810#InternalServerError", "Injected internal error"]
      : fault === "throttle"
        ? [400, "com.amazonaws.dynamodb.v20120810#ThrottlingException", "Injected throttling"]
        : [
            400,
            "com.amazonaws.dynamodb.v20120810#ValidationException",
            `One or more parameter values were invalid: ${requestBody.toString("utf8")}`,
          ];
  const body = JSON.stringify({ __type: type, message });
  res.writeHead(status, {
    "content-type": JSON_CONTENT_TYPE,
    "content-length": Buffer.byteLength(body),
    "x-amzn-requestid": "fault-proxy",
  });
  res.end(body);
}

type AttributeMap = Record<string, unknown>;
interface KeysAndAttributes {
  Keys?: AttributeMap[];
  [other: string]: unknown;
}

/**
 * Moves a share of each table's returned items into UnprocessedKeys, keyed by the attributes the
 * request used as keys. Items and keys are matched by their key attributes, so the client sees
 * every requested key exactly once across Responses and UnprocessedKeys.
 */
function trimBatchGet(
  requestBody: Buffer,
  responseBody: Buffer,
  share: number,
  random: () => number,
): { body: Buffer; trimmed: number } {
  const request = JSON.parse(requestBody.toString("utf8")) as {
    RequestItems?: Record<string, KeysAndAttributes>;
  };
  const response = JSON.parse(responseBody.toString("utf8")) as {
    Responses?: Record<string, AttributeMap[]>;
    UnprocessedKeys?: Record<string, KeysAndAttributes>;
  };
  let trimmed = 0;
  for (const [table, items] of Object.entries(response.Responses ?? {})) {
    const requested = request.RequestItems?.[table];
    const keyNames = Object.keys(requested?.Keys?.[0] ?? {});
    if (!requested || keyNames.length === 0) continue;
    const kept: AttributeMap[] = [];
    const moved: AttributeMap[] = [];
    for (const item of items) {
      const hasKey = keyNames.every((name) => name in item);
      if (hasKey && random() < share) {
        moved.push(Object.fromEntries(keyNames.map((name) => [name, item[name]])));
      } else {
        kept.push(item);
      }
    }
    if (moved.length === 0) continue;
    trimmed += moved.length;
    (response.Responses ??= {})[table] = kept;
    const unprocessed = (response.UnprocessedKeys ??= {});
    const { Keys: _keys, ...readOptions } = requested;
    const existing = unprocessed[table];
    unprocessed[table] = { ...readOptions, Keys: [...(existing?.Keys ?? []), ...moved] };
  }
  return { body: Buffer.from(JSON.stringify(response), "utf8"), trimmed };
}

/**
 * Starts a fault proxy on a free port of 127.0.0.1 in front of `target`.
 *
 * @throws RangeError when a share is outside [0, 1] or the error shares sum above 1.
 * @example
 * ```ts
 * const proxy = await startFaultProxy({ target: inject("dynamodbEndpoint"), seed: 7 });
 * proxy.setFaults({ throttle: 0.3, operations: ["PutItem"], phase: "after" });
 * const client = testDynamoDBClient(proxy.endpoint, { maxAttempts: 10 });
 * // ... exercise the client, then:
 * console.log(proxy.stats());
 * await proxy.close();
 * ```
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const random = mulberry32(options.seed ?? 1);
  let faults = validate(options.faults ?? {});
  const counters: FaultProxyStats = {
    requests: 0,
    forwarded: 0,
    byOperation: {},
    http500: 0,
    throttle: 0,
    reset: 0,
    echo: 0,
    afterForward: 0,
    trimmedKeys: 0,
  };

  const pickFault = (operation: string): ErrorFault | undefined => {
    if (faults.operations && !faults.operations.includes(operation)) return undefined;
    const total = errorShare(faults);
    if (total === 0) return undefined;
    const draw = random();
    if (draw < (faults.http500 ?? 0)) return "http500";
    if (draw < (faults.http500 ?? 0) + (faults.throttle ?? 0)) return "throttle";
    if (draw < (faults.http500 ?? 0) + (faults.throttle ?? 0) + (faults.reset ?? 0)) return "reset";
    if (draw < total) return "echo";
    return undefined;
  };

  const forward = (
    req: IncomingMessage,
    body: Buffer,
  ): Promise<{ status: number; headers: IncomingMessage["headers"]; body: Buffer }> =>
    new Promise((resolveForward, reject) => {
      const upstream = httpRequest(
        {
          protocol: target.protocol,
          hostname: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, "content-length": String(body.length) },
        },
        (res) => {
          readBody(res).then(
            (responseBody) =>
              resolveForward({
                status: res.statusCode ?? 502,
                headers: res.headers,
                body: responseBody,
              }),
            reject,
          );
        },
      );
      upstream.once("error", reject);
      upstream.end(body);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const targetHeader = req.headers["x-amz-target"];
    const operation =
      (typeof targetHeader === "string" ? targetHeader.split(".").pop() : undefined) ?? "unknown";
    counters.requests++;
    counters.byOperation[operation] = (counters.byOperation[operation] ?? 0) + 1;

    const fault = pickFault(operation);
    const phase =
      fault === undefined
        ? "before"
        : faults.phase === "random"
          ? random() < 0.5
            ? "before"
            : "after"
          : (faults.phase ?? "before");

    if (fault !== undefined && phase === "before") {
      counters[fault]++;
      if (fault === "reset") req.socket.destroy();
      else sendError(res, fault, body);
      return;
    }

    counters.forwarded++;
    const upstream = await forward(req, body);

    if (fault !== undefined) {
      counters[fault]++;
      counters.afterForward++;
      if (fault === "reset") req.socket.destroy();
      else sendError(res, fault, body);
      return;
    }

    let responseBody = upstream.body;
    const headers = { ...upstream.headers };
    const trimShare = faults.trimBatchGet ?? 0;
    const trimApplies = !faults.operations || faults.operations.includes(operation);
    if (operation === "BatchGetItem" && upstream.status === 200 && trimShare > 0 && trimApplies) {
      const result = trimBatchGet(body, upstream.body, trimShare, random);
      counters.trimmedKeys += result.trimmed;
      responseBody = result.body;
      // The body changed: its length and the CRC32 DynamoDB computed no longer hold.
      delete headers["x-amz-crc32"];
    }
    headers["content-length"] = String(responseBody.length);
    delete headers["transfer-encoding"];
    res.writeHead(upstream.status, headers);
    res.end(responseBody);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent || res.destroyed) {
        res.destroy();
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      res.writeHead(502, { "content-type": "text/plain" });
      res.end(`fault proxy: upstream failed: ${message}`);
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    setFaults(next) {
      faults = validate(next);
    },
    stats() {
      return { ...counters, byOperation: { ...counters.byOperation } };
    },
    close() {
      return new Promise((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      });
    },
  };
}
