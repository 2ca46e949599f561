/** Median and spread of repeated timings: benchmarks quote the median, the spread says how noisy it was. */
export function summarize(values: readonly number[]): { median: number; min: number; max: number } {
  if (values.length === 0) throw new Error('no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)! };
}

export const ms = (n: number) => `${n.toFixed(1)} ms`;
export const perSecond = (n: number) => `${Math.round(n).toLocaleString('en-US')}/s`;
