/**
 * The test layout on the bare Fetch handler (`createPatHandler` and the Fetch middleware),
 * served on `node:http` through a minimal bridge written here: IncomingMessage → `Request`,
 * `Response` → ServerResponse. It is what a user without a framework writes.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import {
  createPatHandler,
  createRequireAdmin,
  createRequireJwt,
  createRequireRole,
  requireToken,
  type FetchAuthResult,
} from "../../../src/index.js";
import { adminMounts, apiRoutes, authMounts, type StartServer } from "./layout.js";

function toRequest(req: IncomingMessage, base: string): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i] ?? "", req.rawHeaders[i + 1] ?? "");
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(new URL(req.url ?? "/", base), {
    method: req.method ?? "GET",
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
  } as RequestInit);
}

export const startFetch: StartServer = async (f) => {
  const auth = new Map(authMounts(f));
  const admin = new Map(adminMounts(f));
  const main = createPatHandler({ ...(admin.get("/admin") ?? { pat: f.pat }), authPath: "/auth", adminPath: "/admin" });
  const phc = createPatHandler({ ...(admin.get("/admin-phc") ?? { pat: f.pat }), authPath: "/admin-phc-auth", adminPath: "/admin-phc" });
  const boot = createPatHandler({ ...(admin.get("/boot/admin") ?? { pat: f.bootPat }), ...auth.get("/boot/auth"), openapi: false, authPath: "/boot/auth", adminPath: "/boot/admin" });
  const down = createPatHandler({ ...(admin.get("/down/admin") ?? { pat: f.downPat }), ...auth.get("/down/auth"), openapi: false, authPath: "/down/auth", adminPath: "/down/admin" });
  const requireJwt = createRequireJwt({ signerVerifier: f.signerVerifier, realm: "tests" });
  const api = new Map<string, (request: Request) => Promise<FetchAuthResult>>();
  for (const [path, guard] of apiRoutes(f)) {
    if (guard.kind === "token") {
      api.set(path, requireToken(guard.options));
    } else if (guard.kind === "jwt") {
      const check =
        guard.then === "admin"
          ? createRequireAdmin()
          : guard.then
            ? createRequireRole({ role: guard.then.role })
            : undefined;
      api.set(path, async (request) => {
        const result = await requireJwt(request);
        const refused = result.ok ? check?.(result.user) : undefined;
        return refused ? { ok: false, response: refused } : result;
      });
    } else {
      const check = createRequireAdmin();
      api.set(path, async () => ({ ok: false, response: check(undefined) ?? new Response(null, { status: 500 }) }));
    }
  }

  async function handle(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    const guard = api.get(pathname);
    if (guard && request.method === "GET") {
      const result = await guard(request);
      if (!result.ok) return result.response;
      return Response.json({ user: result.user, record: result.record ?? null });
    }
    if (pathname.startsWith("/admin-phc/")) return phc(request);
    if (pathname.startsWith("/boot/")) return boot(request);
    if (pathname.startsWith("/down/")) return down(request);
    return main(request);
  }

  const server = createServer((req, res) => {
    const base = `http://${req.headers.host ?? "127.0.0.1"}`;
    handle(toRequest(req, base))
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch(() => {
        res.writeHead(500).end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
