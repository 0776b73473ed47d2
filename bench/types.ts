/**
 * A benchmark compares a subject with a baseline measured in the same run, so a noisy shared
 * machine moves both: read the ratio, not the absolute figure.
 */
export interface Measured {
  name: string;
  /** One figure per call (a duration, a size, a p95 over many operations…). */
  measure: () => Promise<number> | number;
}

export interface BenchCase {
  name: string;
  unit: 'ms' | 'bytes' | 'ops/s';
  /** Runs of each side (alternated); default 7. */
  runs?: number;
  baseline: Measured;
  subject: Measured;
  /** A target to print beside the figure, e.g. '< 5 ms p95'. */
  target?: string;
  setup?: () => Promise<void> | void;
  teardown?: () => Promise<void> | void;
}

export interface BenchSuite {
  name: string;
  cases: BenchCase[];
}
