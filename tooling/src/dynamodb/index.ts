/**
 * DynamoDB helpers for @pat tests, benchmarks and local development: the endpoint provider
 * (env → Docker → the DynamoDB Local jar), a client for tests, unique table names, and a
 * fault-injecting proxy. Import as `@pat/tooling/dynamodb`.
 */
import "./provided-context";

export { testDynamoDBClient, uniqueTableName, waitForDynamoDB } from "./client";
export {
  dynamoDBLocalDir,
  freePort,
  startDynamoDBLocal,
  type DynamoDBLocalHandle,
  type DynamoDBLocalOptions,
} from "./local";
export {
  dockerAnswers,
  resolveDynamoDBEndpoint,
  type DynamoDBProvider,
  type ResolvedDynamoDB,
} from "./resolve";
export {
  startFaultProxy,
  type FaultProxy,
  type FaultProxyOptions,
  type FaultProxyStats,
  type FaultSettings,
} from "./fault-proxy";
