/** One benchmark suite: measures on real data and returns plain JSON-able results. */
export interface BenchSuite {
  readonly name: string;
  readonly description: string;
  run(): Promise<Record<string, unknown>>;
}
