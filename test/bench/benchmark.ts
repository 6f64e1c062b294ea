/** What a benchmark module of `npm run bench` (main.ts) exports. */
export interface BenchCase {
  name: string;
  /** Does the work; may return figures to print (rows, bytes). */
  run(): Promise<Record<string, number>>;
}

export interface Benchmark {
  title: string;
  /** What the goal is, printed beside the figures. */
  goal: string;
  /** The first case is the floor the others are measured against. */
  cases: BenchCase[];
}
