/**
 * The behaviour suite of the Pat façade, written once and run against every store:
 * `pat.memory.test.ts` (MemoryTokenStore) and `pat.ddb.test.ts` (DynamoDBTokenStore on DynamoDB
 * Local). One file per group of behaviour; each test gets a fresh store, and time comes from an
 * injected clock, never from racing a TTL sweeper. Every error a test provokes and every console
 * line is checked at the end for secrets.
 */
import { afterAll, beforeAll, describe, expect } from "vitest";
import { assertNoSecretLeaked, captureConsole, collectedErrorCount } from "../hygiene.js";
import { describeBootstrap } from "./bootstrap.js";
import { describeCreate } from "./create.js";
import { behaviourContext, type BehaviourHarness } from "./fixtures.js";
import { describeLifecycle } from "./lifecycle.js";
import { describeRead } from "./read.js";
import { describeRevokeRestore } from "./revoke.js";
import { describeRotate } from "./rotate.js";
import { describeUpdate } from "./update.js";
import { describeVerify } from "./verify.js";
import { describeVerifyRaces } from "./verify-races.js";

/** Registers the whole behaviour suite for one kind of store. */
export function describePatBehaviour(name: string, harness: BehaviourHarness): void {
  const context = behaviourContext(harness);
  describe(`Pat on ${name}`, () => {
    beforeAll(() => captureConsole());
    afterAll(() => {
      // The suite provokes dozens of errors; all of them are checked for secrets.
      expect(collectedErrorCount()).toBeGreaterThan(40);
      assertNoSecretLeaked();
    });
    describeCreate(context);
    describeVerify(context);
    describeVerifyRaces(context);
    describeUpdate(context);
    describeRevokeRestore(context);
    describeRead(context);
    describeBootstrap(context);
    describeLifecycle(context);
    describeRotate(context);
  });
}
