/**
 * The highest resident set size seen, sampled on a timer: `process.memoryUsage().rss` has no high-water mark of
 * its own. A busy event loop delays samples, so a short spike can be missed; the final sample catches the end.
 */
export function peakRss(everyMs: number): { peakMb(): number; stop(): number } {
  let peak = process.memoryUsage().rss;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, everyMs);
  const peakMb = () => {
    sample();
    return peak / 1024 / 1024;
  };
  return {
    peakMb,
    stop: () => {
      clearInterval(timer);
      return peakMb();
    },
  };
}
