/** A benchmark figure and the most it may be. */
export type BenchTarget = { name: string; value: number; limit: number; rule: string };

/** Prints each figure beside its target with PASS or FAIL; a miss is reported, never a failed exit. */
export function checkTargets(targets: readonly BenchTarget[], log: (line: string) => void): void {
  for (const target of targets) {
    const verdict = target.value <= target.limit ? 'PASS' : 'FAIL';
    log(`${verdict} ${target.name} ${target.value} (target ≤ ${target.limit}: ${target.rule})`);
  }
}
