/**
 * Types `inject("dynamodbEndpoint")` in test files. Imported by the global setup and by
 * `@pat/tooling/dynamodb`, so any test that uses the helpers sees the declaration.
 */
// Loads vitest's types into every program that sees this file; without it TypeScript refuses the
// augmentation (TS2664) in packages that import the helpers but not vitest itself.
import type {} from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the DynamoDB endpoint shared by this run's `*.ddb.test.ts` files. */
    dynamodbEndpoint: string;
  }
}
