/**
 * Secret hygiene bookkeeping for the test suites: every token secret and PHC string a suite makes
 * is remembered, every error the suite provokes is collected, and console output is captured, so
 * one assertion at the end can check that no error (message, stack, cause chain, own properties)
 * and no log line contains any of them.
 */
import { expect, vi, type MockInstance } from "vitest";

const secrets = new Set<string>();
const errors: unknown[] = [];

/** Remembers a secret-bearing string (a whole token, its secret part, a PHC string). */
export function rememberSecret(value: string): void {
  secrets.add(value);
  const dot = value.lastIndexOf(".");
  if (!value.startsWith("$") && dot >= 0) secrets.add(value.slice(dot + 1));
  if (value.startsWith("$")) {
    // The hash part of a PHC string alone is also secret-derived.
    const hash = value.slice(value.lastIndexOf("$") + 1);
    if (hash.length >= 16) secrets.add(hash);
  }
}

/** Collects an error the suite provoked. */
export function rememberError(error: unknown): void {
  errors.push(error);
}

/** Awaits a promise that must reject with a PatError of `code` (and `message` if given). */
export async function expectPatError(
  promise: Promise<unknown> | (() => unknown),
  code: string,
  message?: string | RegExp,
): Promise<Error & { code: string }> {
  let caught: unknown;
  try {
    await (typeof promise === "function" ? promise() : promise);
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected an error with code ${code}`).toBeInstanceOf(Error);
  rememberError(caught);
  const error = caught as Error & { code: string };
  expect(error.code).toBe(code);
  if (typeof message === "string") expect(error.message).toBe(message);
  else if (message instanceof RegExp) expect(error.message).toMatch(message);
  return error;
}

function render(error: unknown, depth = 0): string {
  if (depth > 5 || error === null || error === undefined) return "";
  if (typeof error !== "object") return String(error);
  const e = error as Record<string, unknown> & {
    message?: unknown;
    stack?: unknown;
    cause?: unknown;
  };
  const own: string[] = [];
  for (const key of Object.getOwnPropertyNames(e)) {
    const value = e[key];
    own.push(`${key}=${typeof value === "object" ? "" : String(value)}`);
  }
  let json = "";
  try {
    json = JSON.stringify(e);
  } catch {
    json = "";
  }
  return [
    String(e.message),
    String(e.stack),
    own.join(" "),
    json,
    String(error),
    render(e.cause, depth + 1),
  ].join("\n");
}

let consoleSpies: MockInstance[] = [];

/** Starts capturing console output (call in beforeAll); `silent` also keeps it off the terminal. */
export function captureConsole(options: { silent?: boolean } = {}): void {
  consoleSpies = (["log", "info", "warn", "error", "debug", "trace"] as const).map((m) => {
    const spy = vi.spyOn(console, m);
    if (options.silent === true) spy.mockImplementation(() => undefined);
    return spy;
  });
}

/** Number of errors collected so far. */
export function collectedErrorCount(): number {
  return errors.length;
}

/** Asserts that no collected error and no captured console line contains a remembered secret. */
export function assertNoSecretLeaked(): void {
  const texts = errors.map((e) => render(e));
  for (const spy of consoleSpies) {
    for (const call of spy.mock.calls) texts.push(call.map((a) => render(a)).join(" "));
  }
  const leaks: string[] = [];
  for (const text of texts) {
    for (const secret of secrets) {
      if (text.includes(secret))
        leaks.push(`a ${secret.length}-character secret in: ${text.slice(0, 80)}`);
    }
    // Any PHC string at all (ours or a fixture's) is a leak, remembered or not.
    if (/\$scrypt\$/.test(text)) leaks.push(`a PHC string in: ${text.slice(0, 80)}`);
  }
  expect(leaks).toEqual([]);
}
