import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times: 100 on every Linux we run on. */
const CLOCK_TICKS = 100;

/**
 * CPU time (user + system, ms) of a process of this host from /proc; null when it is not
 * there or is not the command expected (a remote server's pid may be another process here).
 */
export function processCpuMs(pid: number, command?: string): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (command !== undefined && !stat.startsWith(`${pid} (${command})`)) return null;
    // Fields after the command name; utime and stime are the 14th and 15th of the line.
    const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / CLOCK_TICKS : null;
  } catch {
    return null;
  }
}

/** CPU time (ms) of each PostgreSQL backend among `pids` that runs on this host, by pid. */
export function backendCpu(pids: readonly number[]): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const pid of pids) {
    const ms = processCpuMs(pid, 'postgres');
    if (ms !== null) cpu.set(pid, ms);
  }
  return cpu;
}

/** CPU spent by the backends alive at the end since `before` (ms); null if none were seen. */
export function cpuSince(before: Map<number, number>, after: Map<number, number>): number | null {
  if (after.size === 0) return null;
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}
