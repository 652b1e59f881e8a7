import { createServer } from "node:http";
import { DynamoDBPat } from "@pat/core";

// Region, credentials and endpoint come from the environment (AWS_REGION, AWS_PROFILE, ...).
const pat = new DynamoDBPat({ tableName: process.env.PAT_TABLE ?? "tokens" });

createServer(async (req, res) => {
  const header = req.headers.authorization ?? "";
  const token = header.startsWith("Bearer ") ? header.slice(7) : "";
  try {
    const result = await pat.verify(token); // never throws for a bad token
    if (!result.valid) {
      res.writeHead(401, { "www-authenticate": 'Bearer error="invalid_token"' }).end();
      return; // result.reason is for your logs, not for the caller
    }
    const roles = result.record.roles ?? []; // absent when the token has none
    if (req.method !== "GET" && !roles.includes("writer")) {
      res.writeHead(403).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ owner: result.record.owner, roles }));
  } catch {
    res.writeHead(503).end(); // storage unreachable: fail closed
  }
}).listen(Number(process.env.PORT ?? 3000));
