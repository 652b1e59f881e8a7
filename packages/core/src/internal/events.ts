/**
 * Public types of `Pat`'s lifecycle events (`onEvent`) and of its OpenTelemetry hook-up
 * (`telemetry`). Events are a discriminated union on `type`; none carries a secret, a token, a PHC
 * string or a hash, only ids, owners, roles, times and reasons.
 *
 * The telemetry types are the few members of OpenTelemetry's `TracerProvider`, `Tracer`, `Span`,
 * `MeterProvider`, `Meter`, `Counter` and `Histogram` that `Pat` calls, written out here so the
 * public types of this package never name `@opentelemetry/api`: code that does not use OpenTelemetry
 * compiles and runs without it, and the objects of `@opentelemetry/api` 1.x (and of its SDKs) fit
 * these shapes as they are.
 */
import type { UpdateParams, VerifyFailureReason } from "./types.js";

/** Fields of every event. */
export interface PatEventBase {
  /** When the event happened, in milliseconds since the epoch, from the instance's `clock`. */
  readonly at: number;
}

/** A token was stored: by `issue`, `register`, or a successful `bootstrap`. */
export interface PatIssuedEvent extends PatEventBase {
  readonly type: "issued";
  /** The method that stored it. */
  readonly via: "issue" | "register" | "bootstrap";
  readonly tokenId: string;
  readonly owner: string;
  readonly isAdmin: boolean;
  readonly roles: readonly string[];
  /** Unix seconds; absent when the token never expires. */
  readonly expiresAt?: number | undefined;
}

/** A token verified. */
export interface PatVerifiedEvent extends PatEventBase {
  readonly type: "verified";
  readonly tokenId: string;
  readonly owner: string;
  /** How long `verify` took, in milliseconds. */
  readonly durationMs: number;
}

/**
 * A presented token did not verify. `tokenId` is present whenever the token was well formed (an
 * id is not a secret, but for `not_found` it is whatever the caller sent, in the token-id
 * grammar); `owner` only for `revoked` and `expired`, the reasons answered after the secret matched.
 */
export interface PatVerifyFailedEvent extends PatEventBase {
  readonly type: "verify_failed";
  readonly reason: VerifyFailureReason;
  readonly tokenId?: string | undefined;
  readonly owner?: string | undefined;
  /** How long `verify` took, in milliseconds. */
  readonly durationMs: number;
}

/** `update` changed a token. `fields` names what was asked to change, never a value. */
export interface PatUpdatedEvent extends PatEventBase {
  readonly type: "updated";
  readonly tokenId: string;
  readonly fields: readonly (keyof UpdateParams)[];
}

/** `revoke` revoked a token (also sent for a repeated, idempotent revoke). */
export interface PatRevokedEvent extends PatEventBase {
  readonly type: "revoked";
  readonly tokenId: string;
}

/** `restore` undid a revoke (also sent for a repeated, idempotent restore). */
export interface PatRestoredEvent extends PatEventBase {
  readonly type: "restored";
  readonly tokenId: string;
}

/** A token was rotated: `successorTokenId` names the token that replaces `tokenId`. */
export interface PatRotatedEvent extends PatEventBase {
  readonly type: "rotated";
  readonly tokenId: string;
  readonly successorTokenId: string;
}

/** The stored hash of a token was replaced by a stronger one (`rehash: true`), after a verify. */
export interface PatRehashedEvent extends PatEventBase {
  readonly type: "rehashed";
  readonly tokenId: string;
}

/** Every event `onEvent` receives, told apart by `type`. */
export type PatEvent =
  | PatIssuedEvent
  | PatVerifiedEvent
  | PatVerifyFailedEvent
  | PatUpdatedEvent
  | PatRevokedEvent
  | PatRestoredEvent
  | PatRotatedEvent
  | PatRehashedEvent;

/** The `type` of every {@link PatEvent}. */
export type PatEventType = PatEvent["type"];

/**
 * The event hook. Called synchronously once the call it reports has its answer, and before that
 * answer is returned; a promise it returns is never awaited, and whatever it throws or rejects is
 * kept from the caller (see `onEventError`).
 */
export type PatEventHandler = (event: PatEvent) => void | Promise<void>;

/** Told of each failure of the `onEvent` hook; what it throws in turn is ignored. */
export type PatEventErrorHandler = (error: unknown, event: PatEvent) => void;

/** Attribute values `Pat` puts on spans and measurements. */
export type TelemetryAttributes = Record<string, string | number | boolean>;

/** The part of an OpenTelemetry `Span` that `Pat` uses. */
export interface TelemetrySpan {
  setAttribute(key: string, value: string | number | boolean): unknown;
  setStatus(status: { code: 0 | 1 | 2; message?: string }): unknown;
  end(): void;
}

/** The part of an OpenTelemetry `Tracer` that `Pat` uses. */
export interface TelemetryTracer {
  startSpan(name: string, options?: { attributes?: TelemetryAttributes }): TelemetrySpan;
  startActiveSpan<F extends (span: TelemetrySpan) => unknown>(
    name: string,
    options: { attributes?: TelemetryAttributes },
    fn: F,
  ): ReturnType<F>;
}

/** The part of an OpenTelemetry `TracerProvider` that `Pat` uses. */
export interface TelemetryTracerProvider {
  getTracer(name: string, version?: string): TelemetryTracer;
}

/** The part of an OpenTelemetry `Counter` that `Pat` uses. */
export interface TelemetryCounter {
  add(value: number, attributes?: TelemetryAttributes): void;
}

/** The part of an OpenTelemetry `Histogram` that `Pat` uses. */
export interface TelemetryHistogram {
  record(value: number, attributes?: TelemetryAttributes): void;
}

/** The part of an OpenTelemetry `Meter` that `Pat` uses. */
export interface TelemetryMeter {
  createCounter(name: string, options?: { description?: string; unit?: string }): TelemetryCounter;
  createHistogram(
    name: string,
    options?: { description?: string; unit?: string },
  ): TelemetryHistogram;
}

/** The part of an OpenTelemetry `MeterProvider` that `Pat` uses. */
export interface TelemetryMeterProvider {
  getMeter(name: string, version?: string): TelemetryMeter;
}

/**
 * The `@opentelemetry/api` module itself (`import * as otel from "@opentelemetry/api"`): `Pat`
 * then uses the global providers, whatever SDK registers them and whenever it does (a no-op
 * until one does).
 */
export interface OpenTelemetryApi {
  readonly trace: { getTracerProvider(): TelemetryTracerProvider };
  readonly metrics: { getMeterProvider(): TelemetryMeterProvider };
}

/** Explicit providers, e.g. an SDK's own, not registered globally. Either may be left out. */
export interface TelemetryProviders {
  readonly tracerProvider?: TelemetryTracerProvider | undefined;
  readonly meterProvider?: TelemetryMeterProvider | undefined;
}

/** The `telemetry` option: the `@opentelemetry/api` module, or explicit providers. */
export type PatTelemetry = OpenTelemetryApi | TelemetryProviders;

/** The options of {@link PatOptions} that this module reads. */
export interface ObserveOptions {
  /**
   * Called with each {@link PatEvent}. It cannot change or delay an answer: it is called after the
   * answer is known, its promise is not awaited, and its errors never reach the caller.
   */
  readonly onEvent?: PatEventHandler | undefined;
  /**
   * Told of each error thrown or rejected by `onEvent`. Without it, the first such error of an
   * instance is reported once as a process warning (code `PAT_EVENT_HOOK_FAILED`, the error's
   * name only) and the rest are dropped.
   */
  readonly onEventError?: PatEventErrorHandler | undefined;
  /**
   * OpenTelemetry spans and metrics: pass the `@opentelemetry/api` module
   * (`import * as otel from "@opentelemetry/api"`; a no-op until an SDK is registered) or explicit
   * `{ tracerProvider, meterProvider }`. Default: none (this package never imports
   * `@opentelemetry/api` itself).
   */
  readonly telemetry?: PatTelemetry | undefined;
}
