/** Counts every error that reaches the application: thrown by our calls, or escaping as events. */
export class AppGuard {
  readonly errors: string[] = [];
  private readonly onUncaught = (error: unknown) => this.record('uncaughtException', error);
  private readonly onUnhandled = (reason: unknown) => this.record('unhandledRejection', reason);

  constructor() {
    process.on('uncaughtException', this.onUncaught);
    process.on('unhandledRejection', this.onUnhandled);
  }

  record(where: string, error: unknown): void {
    this.errors.push(`${where}: ${error instanceof Error ? error.message : String(error)}`);
  }

  /** Run an app-side call; a throw is counted, never propagated. */
  call<T>(where: string, run: () => T): T | undefined {
    try {
      return run();
    } catch (error) {
      this.record(where, error);
      return undefined;
    }
  }

  /** Await an app-side promise; a rejection (or a hang past `timeoutMs`) is counted. */
  async await<T>(
    where: string,
    promise: Promise<T> | undefined,
    timeoutMs = 60_000,
  ): Promise<T | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      return await Promise.race([
        promise,
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`did not settle within ${timeoutMs} ms`)),
            timeoutMs,
          );
        }),
      ]);
    } catch (error) {
      this.record(where, error);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  dispose(): void {
    process.off('uncaughtException', this.onUncaught);
    process.off('unhandledRejection', this.onUnhandled);
  }
}
