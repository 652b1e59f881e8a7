/** Routers and middleware refuse bad options at construction, naming the option. */
import { describe, expect, it } from "vitest";
import { MemoryTokenStore, Pat } from "@pat/core";
import * as fetchEntry from "../src/index.js";
import * as expressEntry from "../src/express.js";
import * as fastifyEntry from "../src/fastify.js";
import * as honoEntry from "../src/hono.js";

const pat = new Pat({ store: new MemoryTokenStore() });

describe.each([
  ["fetch", fetchEntry],
  ["express", expressEntry],
  ["fastify", fastifyEntry],
  ["hono", honoEntry],
] as const)("%s entry: option checks", (_name, entry) => {
  it("refuses bad options of requireToken and the checks with INVALID_CONFIG", () => {
    const bad: Array<[() => unknown, RegExp]> = [
      [() => entry.requireToken({ pat: {} as Pat }), /pat must be a Pat/],
      [() => entry.requireToken({ pat, realm: 'a"b' }), /realm/],
      [() => entry.requireToken({ pat, role: "" }), /role/],
      [
        () => entry.requireToken({ pat, admin: "yes" as unknown as boolean }),
        /admin must be a boolean/,
      ],
      [() => entry.createRequireRole({ role: "x".repeat(101) }), /role/],
      [() => entry.createRequireJwt({ signerVerifier: {} as never }), /signerVerifier/],
      [() => entry.requireToken({ pat, logger: {} as never }), /logger/],
    ];
    for (const [make, message] of bad) {
      expect(make).toThrow(
        expect.objectContaining({
          code: "INVALID_CONFIG",
          message: expect.stringMatching(message),
        }),
      );
    }
  });
});

describe.each([
  ["express", expressEntry],
  ["fastify", fastifyEntry],
  ["hono", honoEntry],
] as const)("%s routers: option checks", (_name, entry) => {
  it("refuses bad router options with INVALID_CONFIG", () => {
    const bad: Array<[() => unknown, RegExp]> = [
      [() => entry.createAdminTokensRouter({ pat, bodyLimit: 0 }), /bodyLimit/],
      [() => entry.createAdminTokensRouter({ pat, acceptPat: false }), /no one could call it/],
      [
        () => entry.createAdminTokensRouter({ pat, openapi: { authPath: "auth/" } }),
        /openapi.authPath/,
      ],
      [() => entry.createAuthRouter({ pat, signerVerifier: undefined as never }), /signerVerifier/],
    ];
    for (const [make, message] of bad) {
      expect(make).toThrow(
        expect.objectContaining({
          code: "INVALID_CONFIG",
          message: expect.stringMatching(message),
        }),
      );
    }
  });
});
