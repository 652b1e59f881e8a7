/**
 * The behaviour suite on Express 5 built as the reference's Quick Start builds an app: global
 * `express.json()` and `express.urlencoded()` before the routers, `patErrorHandler()` after.
 */
import express5 from "express";
import { startExpressWith } from "./support/apps/express.js";
import { describeHttpBehaviour } from "./support/behaviour.js";

describeHttpBehaviour("express-parsers", startExpressWith(express5, { globalParsers: true }), {
  parsedBodies: { dropsProtoKeys: true },
});
