/**
 * Reading a 2xx answer: JSON, then the zod schema of the route. A failure becomes an
 * {@link InvalidResponseError} whose issues name paths and what was expected, never the value
 * found there (it could be a token or a hash).
 */
import type * as z from "zod";
import { InvalidResponseError, type ResponseIssue } from "./errors.js";
import type { Redactor } from "./redact.js";
import type { ApiAnswer, ApiRequest } from "./transport.js";

/** What a parse error names of the request. */
export interface AnswerContext {
  readonly method: ApiRequest["method"];
  readonly url: string;
  /** e.g. "list tokens": the message reads "Invalid list tokens response: …". */
  readonly what: string;
}

/** An {@link InvalidResponseError} listing `issues`. */
export function invalidResponse(
  context: AnswerContext,
  status: number,
  issues: ResponseIssue[],
): InvalidResponseError {
  const list = issues.map((i) => `${i.path || "body"}: ${i.message}`).join("; ");
  return new InvalidResponseError(`Invalid ${context.what} response: ${list}`, {
    method: context.method,
    url: context.url,
    status,
    issues,
  });
}

/** The body of `answer` checked against `schema`. */
export function parseAnswer<S extends z.ZodType>(
  schema: S,
  answer: ApiAnswer,
  context: AnswerContext,
  redact: Redactor,
): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(answer.text);
  } catch {
    throw invalidResponse(context, answer.status, [{ path: "", message: "not JSON" }]);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join("."),
      message: redact(issue.message),
    }));
    throw invalidResponse(context, answer.status, issues);
  }
  return parsed.data;
}
