/**
 * The test layout on the bare Fetch handler (`createPatHandler` and the Fetch middleware),
 * served on `node:http` through the bridge of `@pat/tooling/http`, bodies streamed.
 */
import {
  createJwksHandler,
  createPatHandler,
  createRequireAdmin,
  createRequireJwt,
  createRequireRole,
  requireToken,
  type FetchAuthResult,
} from "../../../src/index.js";
import { serveFetch } from "@pat/tooling/http";
import { adminMounts, apiRoutes, authMounts, type StartServer } from "./layout.js";

export const startFetch: StartServer = async (f) => {
  const auth = new Map(authMounts(f));
  const admin = new Map(adminMounts(f));
  const main = createPatHandler({
    ...(admin.get("/admin") ?? { pat: f.pat }),
    authPath: "/auth",
    adminPath: "/admin",
  });
  const phc = createPatHandler({
    ...(admin.get("/admin-phc") ?? { pat: f.pat }),
    authPath: "/admin-phc-auth",
    adminPath: "/admin-phc",
  });
  const boot = createPatHandler({
    ...(admin.get("/boot/admin") ?? { pat: f.bootPat }),
    ...auth.get("/boot/auth"),
    openapi: false,
    authPath: "/boot/auth",
    adminPath: "/boot/admin",
  });
  const down = createPatHandler({
    ...(admin.get("/down/admin") ?? { pat: f.downPat }),
    ...auth.get("/down/auth"),
    openapi: false,
    authPath: "/down/auth",
    adminPath: "/down/admin",
  });
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
      api.set(path, async () => ({
        ok: false,
        response: check(undefined) ?? new Response(null, { status: 500 }),
      }));
    }
  }

  const jwks = createJwksHandler({ signerVerifier: f.signerVerifier });

  async function handle(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === "/.well-known/jwks.json") return jwks(request);
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

  return serveFetch(handle, { bodies: "streamed" });
};
