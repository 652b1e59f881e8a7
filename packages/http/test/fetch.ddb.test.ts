/** The behaviour suite on the bare Fetch handler served by node:http, on a real server over DynamoDB Local. */
import { startFetch } from "./support/apps/fetch.js";
import { describeHttpBehaviour } from "./support/behaviour.js";

describeHttpBehaviour("fetch", startFetch);
