/**
 * Where `pat` writes: results to stdout (a readable text form, or JSON with `--json`), messages
 * and progress to stderr, so `pat list --json | jq` and `pat export > file` stay clean.
 */
import { colourEnabled, createColours, type Colours } from "./colour.js";

/** A writable text stream (process.stdout/stderr, or a buffer in tests). */
export interface TextSink {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** Output of one `pat` run. */
export class Output {
  readonly json: boolean;
  /** Colours for stdout. */
  readonly colours: Colours;
  /** Colours for stderr. */
  readonly errColours: Colours;
  readonly stdout: TextSink;
  readonly stderr: TextSink;

  constructor(options: {
    stdout: TextSink;
    stderr: TextSink;
    env: Readonly<Record<string, string | undefined>>;
    json: boolean;
  }) {
    this.stdout = options.stdout;
    this.stderr = options.stderr;
    this.json = options.json;
    this.colours = createColours(!options.json && colourEnabled(options.stdout, options.env));
    this.errColours = createColours(colourEnabled(options.stderr, options.env));
  }

  /** Writes one line of text to stdout. */
  line(text = ""): void {
    this.stdout.write(`${text}\n`);
  }

  /** Writes `value` as pretty JSON on stdout. */
  writeJson(value: unknown): void {
    this.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** Writes one line on stderr (notes, warnings, summaries). */
  note(text: string): void {
    this.stderr.write(`${text}\n`);
  }

  /** Writes a warning line on stderr. */
  warn(text: string): void {
    this.stderr.write(`${this.errColours.yellow("warning:")} ${text}\n`);
  }
}

/**
 * Progress of a long `list`, `export` or `import` on stderr. Silent for the first `afterMs`
 * (short runs print nothing); then, on a TTY, one line rewritten in place at most every 100 ms;
 * elsewhere (logs, CI) a new line at most every `everyMs`. `done()` clears the TTY line.
 */
export class Progress {
  private readonly started = Date.now();
  private lastShown = 0;
  private shownOnTty = false;

  constructor(
    private readonly sink: TextSink,
    private readonly label: string,
    private readonly timing: { afterMs: number; everyMs: number },
  ) {}

  /** Reports that `count` items are done so far. */
  update(count: number): void {
    const now = Date.now();
    if (now - this.started < this.timing.afterMs) return;
    const tty = this.sink.isTTY === true;
    const every = tty ? Math.min(100, this.timing.everyMs) : this.timing.everyMs;
    if (this.lastShown !== 0 && now - this.lastShown < every) return;
    this.lastShown = now;
    const text = `${this.label}: ${count} so far`;
    if (tty) {
      this.sink.write(`\r\u001b[2K${text}`);
      this.shownOnTty = true;
    } else {
      this.sink.write(`${text}\n`);
    }
  }

  /** Ends the progress display. */
  done(): void {
    if (this.shownOnTty) this.sink.write("\r\u001b[2K");
  }
}

/** Progress timing from the environment: `PAT_PROGRESS_AFTER_MS` (default 1000), `PAT_PROGRESS_EVERY_MS` (default 5000). */
export function progressTiming(env: Readonly<Record<string, string | undefined>>): {
  afterMs: number;
  everyMs: number;
} {
  const read = (name: string, fallback: number): number => {
    const value = env[name];
    if (value === undefined || !/^\d+$/.test(value)) return fallback;
    return Number(value);
  };
  return {
    afterMs: read("PAT_PROGRESS_AFTER_MS", 1_000),
    everyMs: read("PAT_PROGRESS_EVERY_MS", 5_000),
  };
}
