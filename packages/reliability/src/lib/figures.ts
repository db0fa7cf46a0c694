/** What a scenario returns: its figures (dotted names, numbers), details, and problems found. */
export type Figures = Record<string, number>;

export interface ScenarioResult {
  figures: Figures;
  /** Context for RELIABILITY.md and for debugging (per-family counts, samples). */
  details: Record<string, unknown>;
  /** Broken promises beyond the figures (a hang, an unexpected reset); empty when all is well. */
  problems: string[];
}

export type Log = (line: string) => void;

/** Keep at most `max` samples of a kind, for reports. */
export class Samples {
  readonly items: string[] = [];
  count = 0;

  constructor(private readonly max = 10) {}

  add(sample: string): void {
    this.count++;
    if (this.items.length < this.max) this.items.push(sample.slice(0, 300));
  }
}
