import type { MockFault } from './types';

/** Pending faults; each applies to its next `times` matching requests, first injected first. */
export class FaultQueue {
  private faults: { fault: MockFault; remaining: number }[] = [];

  add(fault: MockFault): void {
    this.faults.push({ fault, remaining: fault.times ?? 1 });
  }

  clear(): void {
    this.faults = [];
  }

  /** Takes the first fault matching the path, counting one use of it. */
  take(path: string): MockFault | undefined {
    const index = this.faults.findIndex(
      ({ fault }) => fault.path === undefined || path.endsWith(fault.path),
    );
    const entry = this.faults[index];
    if (entry === undefined) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.faults.splice(index, 1);
    return entry.fault;
  }
}
