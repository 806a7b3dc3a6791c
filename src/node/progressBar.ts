import cliProgress from "cli-progress";

/** A progress bar: `update(done)` as work advances, `stop()` at the end (also on errors). */
export interface ProgressBar {
  update(done: number): void;
  stop(): void;
}

const NONE: ProgressBar = { update: () => undefined, stop: () => undefined };

/**
 * A bar of bytes read on standard error, drawn by cli-progress, only when stderr is a terminal and the CI variable
 * is unset: piped or in CI the output stays clean (a no-op bar is returned).
 *
 * @param stream where to draw (the CLI's stderr)
 * @param total bytes to read (0 when unknown, e.g. stdin: no bar)
 * @returns the bar
 * @example
 * const bar = progressBar(process.stderr, size); bar.update(read); bar.stop();
 * @see https://github.com/npkgz/cli-progress
 */
export function progressBar(stream: unknown, total: number): ProgressBar {
  const tty = (stream as { isTTY?: boolean }).isTTY === true;
  if (!tty || total <= 0 || (process.env["CI"] ?? "") !== "") return NONE;
  const bar = new cliProgress.SingleBar(
    { stream: stream as NodeJS.WriteStream, format: "{bar} {percentage}% | {value}/{total} MiB | ETA {eta_formatted}", hideCursor: true, clearOnComplete: true, etaBuffer: 20 },
    cliProgress.Presets.shades_classic,
  );
  const mib = (b: number): number => Math.round(b / 1048576);
  bar.start(mib(total), 0);
  return { update: (done) => bar.update(mib(done)), stop: () => bar.stop() };
}
