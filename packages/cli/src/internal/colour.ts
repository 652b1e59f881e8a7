/**
 * ANSI colours for the terminal, following https://no-color.org: colour only when the stream is
 * a TTY, `NO_COLOR` is unset or empty, and `TERM` is not `dumb`; `FORCE_COLOR` (not `0`) turns
 * colour on for pipes. No dependency: four SGR codes are all `pat` needs.
 */

/** Colour functions; each returns its input unchanged when colour is off. */
export interface Colours {
  readonly enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

/** Decides whether to colour `stream` under `env` (see the module comment). */
export function colourEnabled(
  stream: { readonly isTTY?: boolean },
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "" && env.FORCE_COLOR !== "0") {
    return true;
  }
  return stream.isTTY === true && env.TERM !== "dumb";
}

/** Builds the colour functions; all are the identity when `enabled` is false. */
export function createColours(enabled: boolean): Colours {
  const sgr =
    (open: number, close: number) =>
    (text: string): string =>
      enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return {
    enabled,
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    cyan: sgr(36, 39),
  };
}
