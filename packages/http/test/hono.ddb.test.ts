/** The behaviour suite on the hono adapter, on a real server over DynamoDB Local. */
import { startHono } from "./support/apps/hono.js";
import { describeHttpBehaviour } from "./support/behaviour.js";

describeHttpBehaviour("hono", startHono);
