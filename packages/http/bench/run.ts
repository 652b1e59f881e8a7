/**
 * @pat/http benchmark: `pnpm bench` (tsx bench/run.ts) on DynamoDB Local (DYNAMODB_ENDPOINT, else
 * the tooling provider starts one). For each adapter (Express, Fastify, Hono on
 * @hono/node-server, the bare Fetch handler on node:http), one real server on 127.0.0.1 answers:
 *
 * - `/token`: `requireToken({ pat })` before an empty handler;
 * - `/bare`: the floor, the same framework's empty handler calling `pat.verify` itself (strip
 *   `Bearer `, verify, 401 or 200), no @pat/http code;
 * - `/jwt`: `createRequireJwt` before an empty handler;
 * - `/empty`: the framework's empty handler.
 *
 * The same PAT is verified throughout, so the verified-secret memo is warm: a request costs one
 * GetItem and one UpdateItem. Requests are sent one at a time with keep-alive; each round times
 * ours and its floor back to back in random order and the median of the per-round ratios is
 * reported, which cancels most drift of a shared 2-core machine. Not a timed test: it reports.
 */
import { DeleteTableCommand } from "@aws-sdk/client-dynamodb";
import { serve } from "@hono/node-server";
import express from "express";
import Fastify from "fastify";
import { Hono } from "hono";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { createTokenTable, DynamoDBPat, type Pat } from "@pat/core";
import { compare, markdownTable, verdict } from "@pat/tooling/bench";
import {
  resolveDynamoDBEndpoint,
  testDynamoDBClient,
  uniqueTableName,
} from "@pat/tooling/dynamodb";
import {
  buildSignerVerifier,
  createRequireJwt as fetchRequireJwt,
  generateKeySet,
  requireToken as fetchRequireToken,
  type JwtSignerVerifier,
} from "../src/index.js";
import * as ex from "../src/express.js";
import * as fa from "../src/fastify.js";
import * as ho from "../src/hono.js";
import { serveFetch } from "@pat/tooling/http";

const ROUNDS = Number(process.env["PAT_BENCH_ROUNDS"] ?? 300);
const WARMUP = 50;

interface Server {
  url: string;
  close(): Promise<void>;
}

/** The floor's own bearer handling: what a user writes by hand around `pat.verify`. */
async function bareVerify(pat: Pat, header: string | undefined): Promise<number> {
  const token = header?.startsWith("Bearer ") ? header.slice(7) : "";
  return (await pat.verify(token)).valid ? 200 : 401;
}

async function startExpress(pat: Pat, sv: JwtSignerVerifier): Promise<Server> {
  const app = express();
  app.get("/token", ex.requireToken({ pat }), (_req, res) => void res.end("ok"));
  app.get("/bare", (req, res, next) => {
    bareVerify(pat, req.headers.authorization).then(
      (status) => void res.status(status).end("ok"),
      next,
    );
  });
  app.get("/jwt", ex.createRequireJwt({ signerVerifier: sv }), (_req, res) => void res.end("ok"));
  app.get("/empty", (_req, res) => void res.end("ok"));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function startFastify(pat: Pat, sv: JwtSignerVerifier): Promise<Server> {
  const app = Fastify();
  app.get("/token", { preHandler: fa.requireToken({ pat }) }, async () => "ok");
  app.get("/bare", async (request, reply) =>
    reply.code(await bareVerify(pat, request.headers.authorization)).send("ok"),
  );
  app.get("/jwt", { preHandler: fa.createRequireJwt({ signerVerifier: sv }) }, async () => "ok");
  app.get("/empty", async () => "ok");
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  return { url, close: () => app.close() };
}

async function startHono(pat: Pat, sv: JwtSignerVerifier): Promise<Server> {
  const app = new Hono();
  app.get("/token", ho.requireToken({ pat }), (c) => c.text("ok"));
  app.get("/bare", async (c) =>
    c.text("ok", (await bareVerify(pat, c.req.header("authorization"))) as 200),
  );
  app.get("/jwt", ho.createRequireJwt({ signerVerifier: sv }), (c) => c.text("ok"));
  app.get("/empty", (c) => c.text("ok"));
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function startFetch(pat: Pat, sv: JwtSignerVerifier): Promise<Server> {
  const token = fetchRequireToken({ pat });
  const jwt = fetchRequireJwt({ signerVerifier: sv });
  return serveFetch(async (request) => {
    const path = new URL(request.url).pathname;
    if (path === "/token" || path === "/jwt") {
      const result = await (path === "/token" ? token : jwt)(request);
      return result.ok ? new Response("ok") : result.response;
    }
    if (path === "/bare") {
      return new Response("ok", {
        status: await bareVerify(pat, request.headers.get("authorization") ?? undefined),
      });
    }
    return new Response("ok");
  });
}

async function get(url: string, authorization: string): Promise<void> {
  const response = await fetch(url, { headers: { authorization } });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
}

const ddb = await resolveDynamoDBEndpoint();
const client = testDynamoDBClient(ddb.endpoint);
const tableName = uniqueTableName("http-bench");
const rows: string[][] = [];
let failed = false;
try {
  await createTokenTable({ client, tableName, ttl: false });
  const pat = new DynamoDBPat({ tableName, ddbClient: client });
  const sv = await buildSignerVerifier({ keySet: await generateKeySet("bench"), issuer: "bench" });
  const { token } = await pat.issue({ owner: "bench@example.com" });
  const { record } = await pat.verify(token);
  const jwt = await sv.sign({
    sub: record?.tokenId ?? "",
    owner: "bench@example.com",
    admin: false,
    roles: [],
  });
  for (const [name, start] of [
    ["Express 5", startExpress],
    ["Fastify 5", startFastify],
    ["Hono 4 (@hono/node-server)", startHono],
    ["Fetch handler (node:http)", startFetch],
  ] as const) {
    const server = await start(pat, sv);
    try {
      const bearer = `Bearer ${token}`;
      const jwtBearer = `Bearer ${jwt}`;
      for (let i = 0; i < WARMUP; i++) {
        await get(`${server.url}/token`, bearer);
        await get(`${server.url}/bare`, bearer);
        await get(`${server.url}/jwt`, jwtBearer);
        await get(`${server.url}/empty`, jwtBearer);
      }
      const pats = await compare(
        ROUNDS,
        () => get(`${server.url}/token`, bearer),
        () => get(`${server.url}/bare`, bearer),
      );
      const jwts = await compare(
        ROUNDS,
        () => get(`${server.url}/jwt`, jwtBearer),
        () => get(`${server.url}/empty`, jwtBearer),
      );
      const met = pats.ratio <= 1.1;
      failed ||= !met;
      rows.push([
        `${name}: requireToken vs bare pat.verify in an empty handler (memo warm)`,
        `${pats.ours.toFixed(2)} / ${pats.floor.toFixed(2)} ms`,
        pats.ratio.toFixed(3),
        "≤ 1.10",
        verdict(met),
      ]);
      rows.push([
        `${name}: JWT-authenticated request vs the empty handler`,
        `${jwts.ours.toFixed(3)} / ${jwts.floor.toFixed(3)} ms`,
        jwts.ratio.toFixed(3),
        "report",
        "",
      ]);
    } finally {
      await server.close();
    }
  }
} finally {
  await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
  client.destroy();
  await ddb.stop();
}

console.log(
  `@pat/http bench: ${ROUNDS} paired rounds per figure, one request at a time with keep-alive, DynamoDB via ${ddb.provider}, Node ${process.version}, ${os.cpus().length} cores\n`,
);
console.log(markdownTable(["Figure", "ours / floor, median", "ratio¹", "target", "met"], rows));
console.log(
  "\n¹ Median of the per-round ratios (ours and the floor timed back to back in random order).",
);
if (failed) process.exitCode = 1;
