/**
 * Instrumentation of `Pat`'s public calls: lifecycle events (`onEvent`) and OpenTelemetry (one span
 * per public call, a counter of verify results, a histogram of verify latency; the OpenTelemetry
 * side is in `telemetry.ts`). It wraps the
 * methods of an instance from the outside, so the façade's code does not change; an instance with
 * neither option is left unwrapped and pays nothing.
 *
 * Rules kept here: what is observed is derived from the arguments a call was given and the answer
 * it produced, never a secret, a token, a PHC string or a hash (ids, owners, roles, reasons and
 * error codes only); the hook runs once the answer is known, its promise is never awaited and its
 * errors never reach the caller; spans follow OpenTelemetry's guidance for libraries (status left
 * unset on success, ERROR with `error.type` when a call throws; a refused token is an answer, not
 * an error). Durations are measured with `performance.now()`, metrics in seconds.
 */
import { parseToken } from "@pat/crypto";
import { InvalidConfigError, type ValidTokenRecord } from "@pat/store";
import type {
  ObserveOptions,
  PatEvent,
  PatEventErrorHandler,
  PatEventHandler,
  TelemetrySpan,
} from "./events.js";
import {
  Telemetry,
  checkTelemetryOption,
  isFunction,
  markError,
  tracedListing,
} from "./telemetry.js";
import type { RotateResult } from "./rotate.js";
import type { IssueResult, UpdateParams, VerifyResult } from "./types.js";

/** An event as a caller of {@link Observer.emit} gives it: `at` is filled in. */
export type PatEventInput = PatEvent extends infer E
  ? E extends PatEvent
    ? Omit<E, "at">
    : never
  : never;

/** The public methods that get a span; a name the instance lacks is skipped. */
const ASYNC_METHODS = [
  "generate",
  "register",
  "issue",
  "verify",
  "update",
  "revoke",
  "restore",
  "batchLoad",
  "getCount",
  "bootstrap",
  "rotate",
] as const;
/** The methods that answer an async generator: their span covers the iteration. */
const LISTING_METHODS = ["list", "listByOwner"] as const;
/** Span names, made once. */
const SPAN_NAMES: Record<string, string> = Object.fromEntries(
  [...ASYNC_METHODS, ...LISTING_METHODS].map((name) => [name, `pat.${name}`]),
);
/** Start options of a span without attributes. */
const NO_OPTIONS = Object.freeze({});
/** Methods whose first argument is a token id (an attribute of their span). */
const BY_TOKEN_ID = new Set<string>(["update", "revoke", "restore", "rotate"]);

function fail(message: string): never {
  throw new InvalidConfigError(message);
}
/** Checks the options this module reads. Throws `InvalidConfigError` naming the option. */
function checkObserveOptions(options: ObserveOptions): void {
  const { onEvent, onEventError, telemetry } = options;
  if (onEvent !== undefined && !isFunction(onEvent)) fail("onEvent must be a function");
  if (onEventError !== undefined && !isFunction(onEventError)) {
    fail("onEventError must be a function");
  }
  checkTelemetryOption(telemetry);
}

/** `keys` of `updates` that were given (not undefined), in a fixed order. */
const UPDATE_FIELDS = [
  "owner",
  "isAdmin",
  "roles",
  "secretPhc",
  "expiresAt",
  "name",
  "description",
  "metadata",
] as const;

/**
 * The events and telemetry of one `Pat`. `emit` is for the façade's own code (e.g. a rotation or
 * a background rehash); the public calls are reported by {@link Observer.instrument}.
 */
export class Observer {
  readonly #onEvent: PatEventHandler | undefined;
  readonly #onEventError: PatEventErrorHandler | undefined;
  readonly #telemetry: Telemetry | undefined;
  readonly #clock: () => number;
  readonly #tokenPrefix: string;
  #warned = false;

  /** Throws `InvalidConfigError` for a bad `onEvent`, `onEventError` or `telemetry`. */
  constructor(options: ObserveOptions, clock: () => number, tokenPrefix: string) {
    checkObserveOptions(options);
    this.#onEvent = options.onEvent;
    this.#onEventError = options.onEventError;
    this.#telemetry =
      options.telemetry === undefined ? undefined : new Telemetry(options.telemetry);
    this.#clock = clock;
    this.#tokenPrefix = tokenPrefix;
  }

  /** Whether anything is observed at all. */
  get active(): boolean {
    return this.#onEvent !== undefined || this.#telemetry !== undefined;
  }

  /**
   * Sends `event` (stamped with the current time) to `onEvent`, if any. Never throws and never
   * waits: a synchronous throw or a rejected promise of the hook goes to {@link Observer.report}.
   */
  emit(input: PatEventInput): void {
    const onEvent = this.#onEvent;
    if (onEvent === undefined) return;
    let event: PatEvent | undefined;
    try {
      event = Object.freeze({ ...input, at: this.#clock() }) as PatEvent;
      const returned: unknown = onEvent(event);
      if (returned !== null && typeof returned === "object" && "then" in returned) {
        const then = returned.then;
        if (typeof then === "function") {
          const failed = event;
          then.call(returned, undefined, (error: unknown) => this.report(error, failed));
        }
      }
    } catch (error) {
      this.report(error, event);
    }
  }

  /** Hands an error of the hook to `onEventError`, or warns once per instance. Never throws. */
  report(error: unknown, event: PatEvent | undefined): void {
    const handler = this.#onEventError;
    if (handler !== undefined) {
      if (event === undefined) return;
      try {
        handler(error, event);
      } catch {
        // Deliberately ignored: an error handler that fails has nowhere else to go.
      }
      return;
    }
    if (this.#warned) return;
    this.#warned = true;
    const name = error instanceof Error ? error.name : typeof error;
    // Only the name: the hook's own message is the application's, and may hold anything.
    globalThis.process?.emitWarning?.(
      `@pat/core: the onEvent hook failed (${name}); later failures of this instance are not reported. Set onEventError to handle each.`,
      { code: "PAT_EVENT_HOOK_FAILED" },
    );
  }

  /**
   * Wraps the public methods of `pat` (an own property per method, wrapping the method the
   * instance had, so a subclass's override is what runs). Does nothing when nothing is observed.
   */
  instrument(pat: object): void {
    if (!this.active) return;
    const target = pat as Record<string, unknown>;
    for (const name of ASYNC_METHODS) {
      const method = target[name];
      if (!isFunction(method)) continue;
      const original = method as (...args: unknown[]) => Promise<unknown>;
      Object.defineProperty(target, name, {
        configurable: true,
        writable: true,
        value: (...args: unknown[]): Promise<unknown> =>
          this.#call(name, args, () => original.apply(pat, args)),
      });
    }
    for (const name of LISTING_METHODS) {
      const method = target[name];
      if (!isFunction(method)) continue;
      const original = method as (...args: unknown[]) => AsyncGenerator<unknown, void, undefined>;
      const tracer = this.#telemetry?.tracer;
      if (tracer === undefined) continue;
      Object.defineProperty(target, name, {
        configurable: true,
        writable: true,
        value: function observed(...args: unknown[]): AsyncGenerator<unknown, void, undefined> {
          let inner: AsyncGenerator<unknown, void, undefined>;
          try {
            inner = original.apply(pat, args);
          } catch (error) {
            // Options are checked at the call: a refused call is a span of its own, ended now.
            const span = tracer.startSpan(`pat.${name}`);
            markError(span, error);
            span.end();
            throw error;
          }
          return tracedListing(tracer, `pat.${name}`, inner);
        },
      });
    }
  }

  /** One async public call: a span around it, then its events and metrics. */
  #call(name: string, args: unknown[], run: () => Promise<unknown>): Promise<unknown> {
    const tracer = this.#telemetry?.tracer;
    if (tracer === undefined) return this.#observeCall(name, args, run, undefined);
    const options =
      BY_TOKEN_ID.has(name) && typeof args[0] === "string"
        ? { attributes: { "pat.token.id": args[0] } }
        : NO_OPTIONS;
    return tracer.startActiveSpan(SPAN_NAMES[name] ?? `pat.${name}`, options, (span) =>
      this.#observeCall(name, args, run, span),
    );
  }

  /** Runs the call, then reports it; ends `span` either way. */
  async #observeCall(
    name: string,
    args: unknown[],
    run: () => Promise<unknown>,
    span: TelemetrySpan | undefined,
  ): Promise<unknown> {
    const started = performance.now();
    try {
      const result = await run();
      this.#after(name, args, result, span, performance.now() - started);
      return result;
    } catch (error) {
      markError(span, error);
      if (name === "verify") this.#telemetry?.recordVerify("error", seconds(started));
      throw error;
    } finally {
      span?.end();
    }
  }

  /** Span attributes, metrics and events of a call that answered `result`. */
  #after(
    name: string,
    args: unknown[],
    result: unknown,
    span: TelemetrySpan | undefined,
    durationMs: number,
  ): void {
    switch (name) {
      case "verify":
        return this.#afterVerify(args[0], result as VerifyResult, span, durationMs);
      case "issue":
        return this.#issued("issue", (result as IssueResult).record, span);
      case "register":
        return this.#issued("register", result as ValidTokenRecord, span);
      case "bootstrap": {
        const answer = result as VerifyResult;
        setOutcome(span, answer);
        if (answer.valid) this.#issued("bootstrap", answer.record, span);
        return;
      }
      case "update": {
        const updates = (args[1] ?? {}) as UpdateParams;
        const fields = UPDATE_FIELDS.filter((field) => updates[field] !== undefined);
        if (fields.length > 0) this.emit({ type: "updated", tokenId: args[0] as string, fields });
        return;
      }
      case "revoke":
        return this.emit({ type: "revoked", tokenId: args[0] as string });
      case "restore":
        return this.emit({ type: "restored", tokenId: args[0] as string });
      case "rotate":
        return this.emit({
          type: "rotated",
          tokenId: args[0] as string,
          successorTokenId: (result as RotateResult).record.tokenId,
        });
      default:
        return;
    }
  }

  #afterVerify(
    token: unknown,
    result: VerifyResult,
    span: TelemetrySpan | undefined,
    durationMs: number,
  ): void {
    setOutcome(span, result);
    const tokenId = result.record?.tokenId ?? tokenIdOf(this.#tokenPrefix, token, result);
    if (span !== undefined && tokenId !== undefined) span.setAttribute("pat.token.id", tokenId);
    this.#telemetry?.recordVerify(result.valid ? "valid" : result.reason, durationMs / 1000);
    if (this.#onEvent === undefined) return;
    if (result.valid) {
      this.emit({
        type: "verified",
        tokenId: result.record.tokenId,
        owner: result.record.owner,
        durationMs,
      });
    } else {
      this.emit({
        type: "verify_failed",
        reason: result.reason,
        ...(tokenId === undefined ? {} : { tokenId }),
        ...(result.record === undefined ? {} : { owner: result.record.owner }),
        durationMs,
      });
    }
  }

  #issued(
    via: "issue" | "register" | "bootstrap",
    record: ValidTokenRecord,
    span: TelemetrySpan | undefined,
  ): void {
    span?.setAttribute("pat.token.id", record.tokenId);
    if (this.#onEvent === undefined) return;
    this.emit({
      type: "issued",
      via,
      tokenId: record.tokenId,
      owner: record.owner,
      isAdmin: record.isAdmin,
      roles: Object.freeze([...(record.roles ?? [])]),
      ...(typeof record.expiresAt === "number" ? { expiresAt: record.expiresAt } : {}),
    });
  }
}

function seconds(started: number): number {
  return (performance.now() - started) / 1000;
}

/** `pat.verify.valid` and, for a refusal, `pat.verify.reason` on the span. */
function setOutcome(span: TelemetrySpan | undefined, result: VerifyResult): void {
  if (span === undefined) return;
  span.setAttribute("pat.verify.valid", result.valid);
  if (!result.valid) span.setAttribute("pat.verify.reason", result.reason);
}

/**
 * The id of a refused token that was well formed (refusals before the secret matched carry no
 * record): the token is parsed again, which only happens on a refusal.
 */
function tokenIdOf(prefix: string, token: unknown, result: VerifyResult): string | undefined {
  if (result.valid || typeof token !== "string") return undefined;
  if (result.reason === "invalid_prefix" || result.reason === "invalid_format") return undefined;
  const parsed = parseToken(prefix, token);
  return "reason" in parsed ? undefined : parsed.tokenId;
}
