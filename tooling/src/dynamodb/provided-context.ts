/**
 * Types `inject("dynamodbEndpoint")` in test files. Imported by the global setup and by
 * `@pat/tooling/dynamodb`, so any test that uses the helpers sees the declaration.
 */
declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the DynamoDB endpoint shared by this run's `*.ddb.test.ts` files. */
    dynamodbEndpoint: string;
  }
}

export {};
