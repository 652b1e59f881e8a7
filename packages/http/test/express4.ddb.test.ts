/** The behaviour suite on the Express adapter under Express 4, on a real server over DynamoDB Local. */
import express4 from "express4";
import { startExpressWith } from "./support/apps/express.js";
import { describeHttpBehaviour } from "./support/behaviour.js";

describeHttpBehaviour("express4", startExpressWith(express4));
