import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, figures: Record<string, string | number>): void;
  stop(): void;
}

/**
 * The one progress bar of the CLI, on stderr so that stdout stays for results. On a
 * terminal it redraws in place; elsewhere (CI logs) it prints a line every few seconds.
 * `XINYI_PROGRESS=lines` prints a plain line per update instead.
 */
export function startProgress(label: string, total: number, figures: string): Progress {
  // For log collectors and tests: one plain line per update instead of a bar.
  if (process.env.XINYI_PROGRESS === 'lines') {
    return {
      update: (done, payload) =>
        process.stderr.write(`progress ${label} ${done}/${total} ${JSON.stringify(payload)}\n`),
      stop: () => undefined,
    };
  }
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
