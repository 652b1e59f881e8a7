/** The test layout on Fastify 5, on a real server on 127.0.0.1. */
import Fastify, { type preHandlerAsyncHookHandler } from "fastify";
import {
  createAdminTokensRouter,
  createAuthRouter,
  createJwksHandler,
  createRequireAdmin,
  createRequireJwt,
  createRequireRole,
  requireToken,
} from "../../../src/fastify.js";
import { adminMounts, apiRoutes, authMounts, type StartServer } from "./layout.js";

export const startFastify: StartServer = async (f) => {
  const app = Fastify({ logger: false });
  app.get("/.well-known/jwks.json", createJwksHandler({ signerVerifier: f.signerVerifier }));
  for (const [prefix, options] of authMounts(f))
    await app.register(createAuthRouter(options), { prefix });
  for (const [prefix, options] of adminMounts(f)) {
    await app.register(createAdminTokensRouter(options), { prefix });
  }
  const requireJwt = createRequireJwt({ signerVerifier: f.signerVerifier, realm: "tests" });
  for (const [path, guard] of apiRoutes(f)) {
    const preHandler: preHandlerAsyncHookHandler[] =
      guard.kind === "token"
        ? [requireToken(guard.options)]
        : guard.kind === "jwt"
          ? [
              requireJwt,
              ...(guard.then === "admin"
                ? [createRequireAdmin()]
                : guard.then
                  ? [createRequireRole({ role: guard.then.role })]
                  : []),
            ]
          : [createRequireAdmin()];
    app.get(path, { preHandler }, async (request) => ({
      user: request.user ?? null,
      record: request.tokenRecord ?? null,
    }));
  }
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  return { url, close: () => app.close() };
};
