/**
 * `@pat/client`: a typed client of the `@pat/http` auth and admin API over `fetch`, for Node 20+,
 * browsers and workers. A drop-in for `@access-tokens/client`: same `AccessTokensClient` class,
 * options, methods, requests and answers, so it also talks to an `@access-tokens/express` server.
 *
 * It exchanges the personal access token for a JWT at `POST {authPath}/token` and renews it
 * before it expires; repeats requests that are safe to repeat after 408/429/5xx answers and
 * network errors, with exponential backoff, jitter and `Retry-After`, within bounded attempts
 * and time; and throws typed errors with a stable `code`, the status and the server's problem
 * details, never holding a secret.
 *
 * @example
 * ```ts
 * import { AccessTokensClient } from "@pat/client";
 * const client = new AccessTokensClient({ endpoint: "https://api.example.com", apiKey: adminPat });
 * const { token, record } = await client.issue({ owner: "ci@example.com", roles: ["deploy"] });
 * ```
 *
 * @packageDocumentation
 */

export { AccessTokensClient } from "./internal/client.js";
export {
  MAX_GRACE_SECONDS,
  rotateResultSchema,
  type RotateOptions,
  type RotateResult,
} from "./internal/rotation.js";
export type { AccessTokensClientConfig } from "./internal/options.js";
export { DEFAULT_TIMEOUT_MS } from "./internal/options.js";
export { DEFAULT_RETRY, RETRYABLE_STATUSES, type RetryOptions } from "./internal/retry.js";
export {
  HttpError,
  InvalidResponseError,
  NetworkError,
  PatClientError,
  type HttpErrorDetails,
  type PatClientErrorCode,
  type RequestSummary,
  type ResponseIssue,
} from "./internal/errors.js";
export {
  isApiError,
  type ApiError,
  type OAuthError,
  type ProblemDetails,
} from "./internal/problem.js";
export {
  authTokenResponseSchema,
  batchLoadResultSchema,
  issueResultSchema,
  listResponseSchema,
  registerResultSchema,
  tokenRecordSchema,
  type AuthTokenResponse,
  type BatchLoadOptions,
  type BatchLoadResult,
  type GetOptions,
  type IssueConfig,
  type IssueResult,
  type ListAllOptions,
  type ListByOwnerOptions,
  type ListOptions,
  type ListResponse,
  type RegisterConfig,
  type RegisterResult,
  type RevokeOptions,
  type RolesUpdate,
  type TokenLabels,
  type TokenRecord,
  type UpdateConfig,
} from "./internal/schemas.js";
