/**
 * The OpenTelemetry side of `Pat`'s instrumentation: the `telemetry` option (the
 * `@opentelemetry/api` module, or explicit providers), the verify instruments, and the span
 * helpers of `observe.ts`. Nothing here imports `@opentelemetry/api`: it calls the objects the
 * application passes, through the shapes declared in `events.ts`. Names and units follow
 * OpenTelemetry's conventions: durations in seconds, `error.type` for what a failed call threw,
 * span status left unset on success.
 */
import { InvalidConfigError, PatError } from "@pat/store";
import type {
  OpenTelemetryApi,
  PatTelemetry,
  TelemetryAttributes,
  TelemetryCounter,
  TelemetryHistogram,
  TelemetryMeterProvider,
  TelemetrySpan,
  TelemetryTracer,
} from "./events.js";

/** Instrumentation scope of the spans and metrics. */
const SCOPE = "@pat/core";
/** OpenTelemetry `SpanStatusCode.ERROR`. */
const STATUS_ERROR = 2;
function fail(message: string): never {
  throw new InvalidConfigError(message);
}

/** Whether `value` can be called. */
export function isFunction(value: unknown): value is (...args: never[]) => unknown {
  return typeof value === "function";
}

/** Whether `telemetry` is the `@opentelemetry/api` module rather than explicit providers. */
function isApi(telemetry: object): telemetry is OpenTelemetryApi {
  return (
    !("tracerProvider" in telemetry || "meterProvider" in telemetry) &&
    ("trace" in telemetry || "metrics" in telemetry)
  );
}

/** Checks the `telemetry` option. Throws `InvalidConfigError` naming the option. */
export function checkTelemetryOption(telemetry: unknown): void {
  if (telemetry === undefined) return;
  if (typeof telemetry !== "object" || telemetry === null) {
    fail("telemetry must be the @opentelemetry/api module or { tracerProvider?, meterProvider? }");
  }
  if (isApi(telemetry)) {
    const api = telemetry as { trace?: unknown; metrics?: unknown };
    const getTracer = (api.trace as { getTracerProvider?: unknown } | undefined)?.getTracerProvider;
    const getMeter = (api.metrics as { getMeterProvider?: unknown } | undefined)?.getMeterProvider;
    if (!isFunction(getTracer) || !isFunction(getMeter)) {
      fail(
        "telemetry must be the @opentelemetry/api module (trace and metrics, version 1.3 or later)",
      );
    }
    return;
  }
  const { tracerProvider, meterProvider } = telemetry as Record<string, unknown>;
  if (
    tracerProvider !== undefined &&
    !isFunction((tracerProvider as { getTracer?: unknown }).getTracer)
  ) {
    fail("telemetry.tracerProvider must be an OpenTelemetry TracerProvider (getTracer)");
  }
  if (
    meterProvider !== undefined &&
    !isFunction((meterProvider as { getMeter?: unknown }).getMeter)
  ) {
    fail("telemetry.meterProvider must be an OpenTelemetry MeterProvider (getMeter)");
  }
}

/** The two verify instruments of one meter provider. */
interface VerifyInstruments {
  readonly provider: TelemetryMeterProvider;
  readonly results: TelemetryCounter;
  readonly duration: TelemetryHistogram;
}

/** The tracer and (current) meter provider of the `telemetry` option. */
export class Telemetry {
  readonly tracer: TelemetryTracer | undefined;
  readonly #meterProvider: () => TelemetryMeterProvider | undefined;
  #instruments: VerifyInstruments | undefined;
  /** The attributes of each verify result, made once. */
  readonly #attributes = new Map<string, TelemetryAttributes>();

  constructor(telemetry: PatTelemetry) {
    if (isApi(telemetry)) {
      // The global ProxyTracerProvider forwards to an SDK registered later; the global meter
      // provider does not, so it is looked up again on each use (a cheap global read).
      this.tracer = telemetry.trace.getTracerProvider().getTracer(SCOPE);
      const { metrics } = telemetry;
      this.#meterProvider = () => metrics.getMeterProvider();
    } else {
      this.tracer = telemetry.tracerProvider?.getTracer(SCOPE);
      const { meterProvider } = telemetry;
      this.#meterProvider = () => meterProvider;
    }
  }

  /** Counts one verify result and records its duration (seconds). */
  recordVerify(result: string, seconds: number): void {
    const provider = this.#meterProvider();
    if (provider === undefined) return;
    let instruments = this.#instruments;
    if (instruments?.provider !== provider) {
      const meter = provider.getMeter(SCOPE);
      instruments = {
        provider,
        results: meter.createCounter("pat.verify.results", {
          description: "Verify answers, by result (valid, a refusal reason, or error)",
          unit: "{verify}",
        }),
        duration: meter.createHistogram("pat.verify.duration", {
          description: "Duration of verify calls",
          unit: "s",
        }),
      };
      this.#instruments = instruments;
    }
    let attributes = this.#attributes.get(result);
    if (attributes === undefined) {
      attributes = Object.freeze({ "pat.verify.result": result });
      this.#attributes.set(result, attributes);
    }
    instruments.results.add(1, attributes);
    instruments.duration.record(seconds, attributes);
  }
}

/** The error code of a thrown error (our `code`, else its name), for `error.type`. */
function errorType(error: unknown): string {
  if (error instanceof PatError) return error.code;
  if (error instanceof Error) return error.name;
  return "unknown";
}

/** Marks `span` as failed by `error`: status ERROR and `error.type`. */
export function markError(span: TelemetrySpan | undefined, error: unknown): void {
  if (span === undefined) return;
  span.setAttribute("error.type", errorType(error));
  span.setStatus({ code: STATUS_ERROR });
}

/** Iterates `inner` inside one span, started at the first `next()` and ended when iteration stops. */
export async function* tracedListing(
  tracer: TelemetryTracer,
  name: string,
  inner: AsyncGenerator<unknown, void, undefined>,
): AsyncGenerator<unknown, void, undefined> {
  const span = tracer.startSpan(name);
  let records = 0;
  try {
    for await (const record of inner) {
      records += 1;
      yield record;
    }
  } catch (error) {
    markError(span, error);
    throw error;
  } finally {
    span.setAttribute("pat.records", records);
    span.end();
  }
}
