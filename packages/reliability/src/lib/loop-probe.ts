import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

const TICK_MS = 10;

export interface LoopReport {
  /**
   * The longest block this process caused: each late tick's lateness, capped by the CPU time
   * the process used meanwhile (a process starved by others on a busy machine is late too,
   * without having blocked anything).
   */
  maxBlockMs: number;
  /** Wall-clock lateness, whatever its cause: `monitorEventLoopDelay`'s max and the drift probe's. */
  histogramMaxMs: number;
  driftMaxMs: number;
  p99Ms: number;
  /** Ticks later than 50 ms: [ms since start, ms late, ms of CPU used meanwhile]. */
  lateTicks: Array<[number, number, number]>;
}

/**
 * How long the event loop was blocked: `monitorEventLoopDelay` (libuv timer lateness) and a
 * 10 ms setInterval drift probe that also reads the process's CPU time at every tick.
 */
export class LoopProbe {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: TICK_MS });
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly started = performance.now();
  private last = performance.now();
  private lastCpu = process.cpuUsage();
  private maxDrift = 0;
  private maxAttributable = 0;
  private readonly lateTicks: Array<[number, number, number]> = [];

  constructor() {
    this.histogram.enable();
    this.timer = setInterval(() => {
      const now = performance.now();
      const cpu = process.cpuUsage(this.lastCpu);
      const cpuMs = (cpu.user + cpu.system) / 1000;
      const drift = now - this.last - TICK_MS;
      this.maxDrift = Math.max(this.maxDrift, drift);
      this.maxAttributable = Math.max(this.maxAttributable, Math.min(drift, cpuMs - TICK_MS));
      if (drift > 50 && this.lateTicks.length < 100)
        this.lateTicks.push([Math.round(now - this.started), Math.round(drift), Math.round(cpuMs)]);
      this.last = now;
      this.lastCpu = process.cpuUsage();
    }, TICK_MS);
  }

  stop(): LoopReport {
    clearInterval(this.timer);
    this.histogram.disable();
    const round = (ms: number) => Math.round(ms * 10) / 10;
    return {
      maxBlockMs: Math.max(0, Math.round(this.maxAttributable)),
      histogramMaxMs: round(this.histogram.max / 1e6),
      driftMaxMs: round(this.maxDrift),
      p99Ms: round(this.histogram.percentile(99) / 1e6),
      lateTicks: this.lateTicks,
    };
  }
}
