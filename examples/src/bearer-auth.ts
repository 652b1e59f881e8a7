/**
 * The integration example of the root README: a `node:http` handler that accepts a request only
 * with a valid bearer token (RFC 6750), and lets only tokens with the role `writer` change
 * anything. Refusals say nothing about why (the reason is for logs, not for callers), and a
 * storage failure fails closed with 503.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Pat } from "@pat/core";

/** Builds the request handler over any `Pat` (e.g. a `DynamoDBPat`). */
export function bearerAuth(pat: Pat) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const header = req.headers.authorization ?? "";
    const token = header.startsWith("Bearer ") ? header.slice(7) : "";
    try {
      const result = await pat.verify(token);
      if (!result.valid) {
        res.writeHead(401, { "www-authenticate": 'Bearer error="invalid_token"' }).end();
        return;
      }
      if (req.method !== "GET" && !result.record.roles.includes("writer")) {
        res.writeHead(403).end();
        return;
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ owner: result.record.owner, roles: result.record.roles }));
    } catch {
      res.writeHead(503).end(); // storage unreachable: fail closed
    }
  };
}
