/** Medians and percentiles: the bench reports these rather than means, which one slow run skews. */
export function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index];
}

export const median = (values: readonly number[]) => percentile(values, 0.5);

export function timeRuns(runs: number, body: () => void): number[] {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = process.hrtime.bigint();
    body();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times;
}
