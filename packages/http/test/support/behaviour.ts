/**
 * The behaviour suite every adapter runs (Express, Fastify, Hono, the bare Fetch handler): one
 * real server on 127.0.0.1 per adapter, over DynamoDB Local, driven by real HTTP requests. Each
 * adapter's test file calls {@link describeHttpBehaviour} once. Sections live in their own
 * files; this one starts and stops the server (also when a test fails) and checks at the end
 * that every documented operation was exercised and that no log line held a secret.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Pat } from "@pat/core";
import type { StartServer, TestServer } from "./apps/layout.js";
import { client, type Answer } from "./client.js";
import { createFixture, type Fixture } from "./fixture.js";
import { documentedOperations, seen } from "./openapi.js";
import { adminSection } from "./sections/admin.js";
import { bearerSection } from "./sections/bearer.js";
import { exchangeSection } from "./sections/exchange.js";
import { hostileSection } from "./sections/hostile.js";
import { labelsSection } from "./sections/labels.js";
import { rotateSection } from "./sections/rotate.js";
import { wireSection } from "./sections/wire.js";

/** What the sections get: the running server, the fixture, and helpers. */
export interface Suite {
  fixture(): Fixture;
  url(): string;
  call: ReturnType<typeof client>;
  /** Issues a token straight through `pat` (not over HTTP) and remembers its secret. */
  issue(
    params: Parameters<Pat["issue"]>[0],
    pat?: Pat,
  ): Promise<{ token: string; tokenId: string }>;
  /** An access token (JWT) for a PAT, from `POST /auth/token`. */
  jwtFor(token: string, prefix?: string): Promise<string>;
  /** A unique owner name for one test. */
  owner(label: string): string;
  /** Remembers a secret-bearing string for the final leak check. */
  remember(secret: string): void;
  /**
   * Whether the application parses bodies before the routers (Express with a global
   * `express.json()` and `express.urlencoded()`), where the parser's own rules apply first.
   */
  readonly parsedBodies: boolean;
  /**
   * Whether that parser drops `__proto__` keys of form bodies itself (Express 5's
   * `express.urlencoded`, on qs) instead of handing them to us (Express 4's, on querystring).
   */
  readonly parserDropsProtoKeys: boolean;
}

/** Variants of the suite. */
export interface BehaviourOptions {
  /** See {@link Suite.parsedBodies} and {@link Suite.parserDropsProtoKeys}. */
  readonly parsedBodies?: { readonly dropsProtoKeys: boolean };
}

let counter = 0;

export function describeHttpBehaviour(
  name: string,
  start: StartServer,
  options: BehaviourOptions = {},
): void {
  describe(`${name}: @pat/http behaviour`, () => {
    let fixture: Fixture | undefined;
    let server: TestServer | undefined;
    const secrets = new Set<string>();

    beforeAll(async () => {
      fixture = await createFixture(name);
      server = await start(fixture);
    });

    afterAll(async () => {
      await server?.close();
      await fixture?.cleanup();
    });

    const url = () => server?.url ?? "http://127.0.0.1:1";
    const call = client(url);
    const suite: Suite = {
      fixture: () => {
        if (!fixture) throw new Error("fixture not ready");
        return fixture;
      },
      url,
      call,
      async issue(params, pat) {
        const { token, record } = await (pat ?? suite.fixture().pat).issue(params);
        suite.remember(token);
        return { token, tokenId: record.tokenId };
      },
      async jwtFor(token, prefix = "/auth") {
        const answer: Answer = await call("POST", `${prefix}/token`, { bearer: token });
        expect(answer.status).toBe(200);
        const jwt = answer.json["access_token"];
        if (typeof jwt !== "string") throw new Error("no access_token");
        return jwt;
      },
      parsedBodies: options.parsedBodies !== undefined,
      parserDropsProtoKeys: options.parsedBodies?.dropsProtoKeys === true,
      owner: (label) => `${label}-${name}-${Date.now().toString(36)}-${(counter += 1)}@example.com`,
      remember(secret) {
        secrets.add(secret);
        secrets.add(secret.slice(secret.indexOf(".") + 1));
      },
    };

    exchangeSection(suite);
    bearerSection(suite);
    adminSection(suite);
    labelsSection(suite);
    rotateSection(suite);
    hostileSection(suite);
    wireSection(suite);

    describe("conformance and hygiene", () => {
      it("exercised every documented operation, and every answer conformed to the document", () => {
        expect([...seen].sort()).toEqual(documentedOperations());
      });

      it("never logged a token, a secret or a PHC string", () => {
        const text = JSON.stringify(suite.fixture().logger.lines);
        expect(suite.fixture().logger.lines.length).toBeGreaterThan(0);
        expect(text).not.toMatch(/\$scrypt\$/);
        for (const secret of secrets) expect(text.includes(secret)).toBe(false);
      });
    });
  });
}
