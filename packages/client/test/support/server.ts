/**
 * A small real HTTP server on 127.0.0.1 (port 0) for transport tests: it records every request
 * and answers each with the next scripted reply (503 then 200, a Retry-After, a dropped
 * connection, a stall). It stands in for nothing of the admin API's semantics: the end-to-end
 * suite runs against @pat/http itself.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Recorded {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: string;
}

/** One scripted reply. */
export type Reply =
  | {
      readonly status: number;
      readonly json?: unknown;
      readonly text?: string;
      readonly headers?: Record<string, string>;
      readonly statusText?: string;
    }
  | { readonly drop: true }
  | { readonly stall: true };

export interface TestServer {
  readonly url: string;
  readonly requests: Recorded[];
  /** Replies for requests to `path` (without query), used in order; the last one repeats. */
  script(path: string, ...replies: Reply[]): void;
  close(): Promise<void>;
}

/** A JWT-looking access token answer for `POST /auth/token`. */
export function tokenReply(accessToken: string, expiresIn = 3600): Reply {
  return {
    status: 200,
    json: { access_token: accessToken, token_type: "Bearer", expires_in: expiresIn },
  };
}

function write(res: ServerResponse, reply: Reply): void {
  if ("drop" in reply) {
    res.socket?.destroy();
    return;
  }
  if ("stall" in reply) return;
  const headers: Record<string, string> = { ...reply.headers };
  let body = reply.text ?? "";
  if (reply.json !== undefined) {
    body = JSON.stringify(reply.json);
    headers["content-type"] ??= "application/json; charset=utf-8";
  }
  res.statusCode = reply.status;
  if (reply.statusText) res.statusMessage = reply.statusText;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.end(body);
}

/** Starts the server; close it in `afterAll`/`afterEach`. */
export async function startTestServer(): Promise<TestServer> {
  const requests: Recorded[] = [];
  const scripts = new Map<string, Reply[]>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = req.url ?? "/";
      requests.push({
        method: req.method ?? "",
        url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      const queue = scripts.get(url.split("?")[0] ?? url);
      const reply = queue && queue.length > 1 ? queue.shift() : queue?.[0];
      write(res, reply ?? { status: 404, json: { error: { message: "Not scripted" } } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script(path, ...replies) {
      scripts.set(path, [...replies]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A fake clock whose time moves only when `sleep` is called (or `advance`). */
export function fakeTime(start = 1_700_000_000_000) {
  let now = start;
  const sleeps: number[] = [];
  return {
    clock: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    advance: (ms: number) => {
      now += ms;
    },
    sleeps,
  };
}
