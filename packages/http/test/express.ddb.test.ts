/** The behaviour suite on the express adapter, on a real server over DynamoDB Local. */
import { startExpress } from "./support/apps/express.js";
import { describeHttpBehaviour } from "./support/behaviour.js";

describeHttpBehaviour("express", startExpress);
