/** The behaviour suite on the fastify adapter, on a real server over DynamoDB Local. */
import { startFastify } from "./support/apps/fastify.js";
import { describeHttpBehaviour } from "./support/behaviour.js";

describeHttpBehaviour("fastify", startFastify);
