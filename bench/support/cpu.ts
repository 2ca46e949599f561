import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

// CPU time from /proc (Linux; elsewhere the figures read 0). The machine is shared (2 cores): benches report
// what each side used beside their timings, so a round disturbed by something else shows as such.

const TICKS_PER_S = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

/** utime + stime of a process, plus cutime + cstime (its children it has waited for) when `children`. */
export function cpuSecondsOf(pid: number | string, children = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const own = Number(fields[11]) + Number(fields[12]);
    return (children ? own + Number(fields[13]) + Number(fields[14]) : own) / TICKS_PER_S;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds processes spent, every core: /proc/stat's user, nice and system. Interrupt time is left out: the
 * loopback traffic of the run itself is counted there, and no process is charged with it.
 */
export function machineCpuSeconds(): number {
  try {
    const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    return (ticks[0]! + ticks[1]! + ticks[2]!) / TICKS_PER_S;
  } catch {
    return 0;
  }
}
