import express from "express";
import { DynamoDBPat } from "@pat/core";
import { createRequireRole, requireToken } from "@pat/http/express";

// Region, credentials and endpoint come from the environment (AWS_REGION, AWS_PROFILE, ...).
const pat = new DynamoDBPat({ tableName: process.env.PAT_TABLE ?? "tokens" });
const app = express();

// Every request needs a valid token: 401 with WWW-Authenticate without one (or with a wrong,
// revoked or expired one), 503 when storage is unreachable (fail closed).
app.use(requireToken({ pat }));

app.get("/", (req, res) => {
  res.json({ owner: req.user?.owner, roles: req.user?.roles });
});

// Only the role "writer" may change things: 403 insufficient_scope for the others.
app.post("/", createRequireRole({ role: "writer" }), (req, res) => {
  res.json({ owner: req.user?.owner, roles: req.user?.roles });
});

app.listen(Number(process.env.PORT ?? 3000));
