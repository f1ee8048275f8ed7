import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, figures: Record<string, string | number>): void;
  stop(): void;
}

export interface ProgressOptions {
  /**
   * Other output (the server's request log) is written at the same time: a bar redrawn in
   * place would be torn by it, so each step is one line of its own instead, and a count
   * without a total is one line when it starts and one when it stops.
   */
  readonly besideLog?: boolean;
}

/**
 * The one progress bar of the CLI, on stderr so that stdout stays for results. On a
 * terminal it redraws in place; elsewhere (CI logs) it prints a line every few seconds.
 * `XINYI_PROGRESS=lines` prints a plain line per update instead.
 */
export function startProgress(
  label: string,
  total: number,
  figures: string,
  options: ProgressOptions = {},
): Progress {
  // For log collectors and tests: one plain line per update instead of a bar.
  if (process.env.XINYI_PROGRESS === 'lines') {
    return {
      update: (done, payload) =>
        process.stderr.write(`progress ${label} ${done}/${total} ${JSON.stringify(payload)}\n`),
      stop: () => undefined,
    };
  }
  if (options.besideLog) return stepLines(label, total, figures);
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | ${figures}`,
      stream: process.stderr,
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 3000,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  // Every {name} of the figures starts at 0 rather than showing as a raw placeholder.
  const initial: Record<string, number> = {};
  for (const match of figures.matchAll(/\{(\w+)\}/g)) initial[match[1] ?? ''] = 0;
  bar.start(Math.max(total, 1), 0, initial);
  return {
    update: (done, payload) => bar.update(Math.min(done, Math.max(total, 1)), payload),
    stop: () => bar.stop(),
  };
}

/** `{name}` placeholders of the figures filled from the payload. */
const fill = (figures: string, payload: Record<string, string | number>) =>
  figures.replace(/\{(\w+)\}/g, (_, name: string) => String(payload[name] ?? 0));

/** Steps closer together than this share one line, so fast steps do not flood the log. */
const STEP_LINE_MS = 2_000;

function stepLines(label: string, total: number, figures: string): Progress {
  const write = (line: string) => process.stderr.write(`xinyi: ${label} ${line}\n`);
  let last: Record<string, string | number> = {};
  let written = 0;
  if (total === 0) write('…');
  return {
    update: (done, payload) => {
      last = payload;
      if (total === 0 || (done < total && Date.now() - written < STEP_LINE_MS)) return;
      written = Date.now();
      write(`${done}/${total} ${fill(figures, payload)}`);
    },
    stop: () => {
      if (total === 0) write(fill(figures, last));
    },
  };
}
