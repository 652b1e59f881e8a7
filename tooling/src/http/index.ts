/**
 * Serving a Fetch handler (`Request` → `Response`) on `node:http` for tests and benchmarks: the
 * bridge a user without a framework writes. 127.0.0.1, a port the system picks (port 0), request
 * bodies buffered (the default: test bodies are small) or streamed (to test size limits and
 * unread bodies), every request recorded as `METHOD path`, and a `close()` that drops open
 * keep-alive connections so `afterAll` never waits on them; and a recording, answer-losing proxy
 * (`serveProxy`). Import as `@pat/tooling/http`.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";

/** A Fetch handler, as `createPatHandler` of @pat/http returns. */
export type FetchHandler = (request: Request) => Promise<Response>;

/** A running server. */
export interface ServedFetch {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Requests served so far, as `METHOD path` (query left out). */
  readonly served: string[];
  /** Stops listening and closes every open connection. */
  close(): Promise<void>;
}

/** Options of {@link serveFetch}. */
export interface ServeOptions {
  /**
   * `"buffered"` (default): the whole body is read before the handler runs. `"streamed"`: the
   * handler gets the request stream, as on a real Fetch platform, and may leave it unread.
   */
  readonly bodies?: "buffered" | "streamed";
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, values] of Object.entries(req.headersDistinct)) {
    for (const value of values ?? []) headers.append(name, value);
  }
  return headers;
}

/** A Fetch `Request` for a `node:http` request. */
async function toRequest(
  req: IncomingMessage,
  origin: string,
  bodies: ServeOptions["bodies"],
): Promise<Request> {
  const method = req.method ?? "GET";
  const url = new URL(req.url ?? "/", origin);
  const headers = headersOf(req);
  if (method === "GET" || method === "HEAD") return new Request(url, { method, headers });
  if (bodies === "streamed") {
    const body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
    return new Request(url, { method, headers, body, duplex: "half" } as RequestInit);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new Request(url, {
    method,
    headers,
    ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
  });
}

/**
 * Serves `handler` on 127.0.0.1 (port 0). A handler that throws answers 500.
 *
 * @example
 * ```ts
 * const server = await serveFetch(createPatHandler({ pat, signerVerifier }));
 * afterAll(() => server.close());
 * ```
 */
export async function serveFetch(
  handler: FetchHandler,
  options: ServeOptions = {},
): Promise<ServedFetch> {
  const served: string[] = [];
  let origin = "";
  const server = createServer((req, res) => {
    served.push(`${req.method} ${(req.url ?? "").split("?")[0]}`);
    void toRequest(req, origin, options.bodies)
      .then(handler)
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A request a proxy saw. */
export interface ProxiedRequest {
  readonly method: string;
  /** Path and query. */
  readonly path: string;
  /** The `Authorization` header, if any (tests check where credentials went). */
  readonly authorization: string | undefined;
}

/** What a proxy does with one request. */
export type ProxyAction =
  /** Forward it and pass the answer back. */
  | "forward"
  /** Forward it, then close the connection instead of answering: an answer lost on the way. */
  | "lose-answer"
  /** Close the connection without forwarding: the request never arrived. */
  | "drop";

/** Options of {@link serveProxy}. */
export interface ProxyOptions {
  /** Decides per request; default: forward everything. */
  readonly route?: (request: ProxiedRequest) => ProxyAction;
}

/** A running proxy. */
export interface ServedProxy {
  readonly url: string;
  /** Every request received, in order. */
  readonly seen: ProxiedRequest[];
  close(): Promise<void>;
}

/**
 * A forwarding proxy on 127.0.0.1 (port 0) in front of `upstream`, recording every request and
 * able to lose answers or drop requests: for tests of where credentials are sent and of what a
 * client does when an answer never arrives.
 *
 * @example
 * ```ts
 * const proxy = await serveProxy(server.url);
 * // ... send through proxy.url, then look at proxy.seen
 * ```
 */
export async function serveProxy(
  upstream: string,
  options: ProxyOptions = {},
): Promise<ServedProxy> {
  const seen: ProxiedRequest[] = [];
  const server = createServer((req, res) => {
    const request: ProxiedRequest = {
      method: req.method ?? "GET",
      path: req.url ?? "/",
      authorization: req.headers.authorization,
    };
    seen.push(request);
    const action = options.route?.(request) ?? "forward";
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      if (action === "drop") {
        req.socket.destroy();
        return;
      }
      const headers = new Headers();
      for (const [name, values] of Object.entries(req.headersDistinct)) {
        if (name === "host" || name === "connection") continue;
        for (const value of values ?? []) headers.append(name, value);
      }
      const answer = await fetch(upstream + request.path, {
        method: request.method,
        headers,
        ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
      });
      const body = Buffer.from(await answer.arrayBuffer());
      if (action === "lose-answer") {
        req.socket.destroy();
        return;
      }
      const out: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        if (name !== "content-length" && name !== "transfer-encoding") out[name] = value;
      });
      res.writeHead(answer.status, out);
      res.end(body);
    })().catch(() => req.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
