/**
 * One API call over `fetch`: attempts with a timeout each, repeats under the retry policy when
 * the request is safe to repeat, and turns what came back into a 2xx answer or a typed error.
 *
 * Safe to repeat (decided per method by the client): reads, the PAT→JWT exchange, and writes
 * whose repetition leaves the same state (register under a given id, update, revoke, restore).
 * Never repeated: `POST /tokens` (issue), where a lost answer may hide a token that was created.
 * Redirects are not followed: credentials go only to the URL the caller configured, and a 3xx
 * answer is an {@link HttpError}.
 */
import { HttpError, NetworkError } from "./errors.js";
import { readErrorBody } from "./problem.js";
import { scrubError, type Redactor } from "./redact.js";
import { parseRetryAfter, RETRYABLE_STATUSES, retryDelay, type RetryPolicy } from "./retry.js";

/** The `fetch` the client calls: the global one or the `fetch` option. */
export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/** Everything one call needs from the client. */
export interface TransportConfig {
  readonly fetch: Fetch;
  readonly policy: RetryPolicy;
  /** Time limit of one attempt (request and body), milliseconds. */
  readonly timeoutMs: number;
  /** Epoch milliseconds. */
  readonly clock: () => number;
}

/** A request as the client builds it. */
export interface ApiRequest {
  readonly method: "GET" | "POST" | "PUT" | "PATCH";
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** May be sent again after a network error or a 408/429/5xx answer. */
  readonly repeatable: boolean;
  /** What the call does, for messages: "Failed to " + action, e.g. "list tokens". */
  readonly action: string;
}

/** A 2xx answer with its body read. */
export interface ApiAnswer {
  readonly status: number;
  readonly contentType: string | null;
  readonly text: string;
  readonly attempts: number;
}

interface RawAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly contentType: string | null;
  readonly retryAfter: string | null;
  readonly text: string;
}

type AttemptOutcome =
  { readonly answer: RawAnswer } | { readonly failure: unknown; readonly timedOut: boolean };

async function attempt(
  config: TransportConfig,
  request: ApiRequest,
  timeoutMs: number,
): Promise<AttemptOutcome> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    const init: RequestInit = {
      method: request.method,
      headers: { ...request.headers },
      redirect: "manual",
      signal: controller.signal,
    };
    if (request.body !== undefined) init.body = request.body;
    const response = await config.fetch(request.url, init);
    // The body is read inside the time limit: a server that stalls mid-body is a timeout too.
    const text = await response.text();
    return {
      answer: {
        status: response.status,
        statusText: response.statusText,
        contentType: response.headers.get("content-type"),
        retryAfter: response.headers.get("retry-after"),
        text,
      },
    };
  } catch (failure) {
    return { failure, timedOut };
  } finally {
    clearTimeout(timer);
  }
}

/** "fetch failed (connect ECONNREFUSED 127.0.0.1:9)": the error and its first cause. */
function describeFailure(failure: unknown, timedOut: boolean, timeoutMs: number): string {
  if (timedOut) return `no answer within ${timeoutMs} ms`;
  if (!(failure instanceof Error)) return "fetch failed";
  const cause = failure.cause instanceof Error ? ` (${failure.cause.message})` : "";
  return `${failure.message}${cause}`;
}

function httpError(
  request: ApiRequest,
  raw: RawAnswer,
  attempts: number,
  redact: Redactor,
  now: number,
) {
  const body = readErrorBody(raw.contentType, raw.text, redact);
  const statusText = redact(raw.statusText);
  const status = raw.status === 0 ? "redirect not followed" : `HTTP ${raw.status}`;
  const reason = body.explanation || statusText;
  return new HttpError(`Failed to ${request.action}: ${status}${reason ? ` ${reason}` : ""}`, {
    status: raw.status,
    statusText,
    problem: body.problem,
    apiError: body.apiError,
    oauthError: body.oauthError,
    retryAfterMs: parseRetryAfter(raw.retryAfter, now),
    method: request.method,
    url: request.url,
    attempts,
  });
}

/**
 * Sends `request`, repeating it as the policy allows; resolves with a 2xx answer, rejects with
 * {@link HttpError} (any other status, after the retries allowed) or {@link NetworkError}.
 * Every text kept in an error passes through `redact`.
 */
export async function send(
  config: TransportConfig,
  request: ApiRequest,
  redact: Redactor,
): Promise<ApiAnswer> {
  const { policy, clock } = config;
  const start = clock();
  for (let attempts = 1; ; attempts++) {
    const left = policy.maxElapsedMs - (clock() - start);
    const timeoutMs = Math.max(1, Math.min(config.timeoutMs, left));
    const outcome = await attempt(config, request, timeoutMs);
    let retryAfterMs: number | undefined;
    if ("answer" in outcome) {
      const { answer } = outcome;
      if (answer.status >= 200 && answer.status < 300) {
        return {
          status: answer.status,
          contentType: answer.contentType,
          text: answer.text,
          attempts,
        };
      }
      if (!RETRYABLE_STATUSES.has(answer.status)) {
        throw httpError(request, answer, attempts, redact, clock());
      }
      retryAfterMs = parseRetryAfter(answer.retryAfter, clock());
    }
    const wait = retryDelay(policy, attempts - 1, retryAfterMs);
    const mayRepeat =
      request.repeatable &&
      attempts <= policy.retries &&
      clock() - start + wait < policy.maxElapsedMs;
    if (!mayRepeat) {
      if ("answer" in outcome) throw httpError(request, outcome.answer, attempts, redact, clock());
      const cause = scrubError(outcome.failure, redact);
      const reason = redact(describeFailure(outcome.failure, outcome.timedOut, timeoutMs));
      throw new NetworkError(
        `Failed to ${request.action}: ${reason}${attempts > 1 ? ` (${attempts} attempts)` : ""}`,
        { method: request.method, url: request.url, attempts, timedOut: outcome.timedOut },
        cause === undefined ? undefined : { cause },
      );
    }
    await policy.sleep(wait);
  }
}
