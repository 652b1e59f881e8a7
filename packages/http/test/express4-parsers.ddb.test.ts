/**
 * The behaviour suite on Express 4 with global `express.json()` and `express.urlencoded()`
 * before the routers and `patErrorHandler()` after (body-parser 1, which sets `req.body = {}`
 * even when it parses nothing).
 */
import express4 from "express4";
import { startExpressWith } from "./support/apps/express.js";
import { describeHttpBehaviour } from "./support/behaviour.js";

describeHttpBehaviour("express4-parsers", startExpressWith(express4, { globalParsers: true }), {
  parsedBodies: { dropsProtoKeys: false },
});
