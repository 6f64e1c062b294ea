/**
 * How the local bus and scheduler deliver, as EventBridge and Scheduler do for their targets: in the background,
 * a few attempts with growing delays, then a dead letter instead of an error.
 */
export interface RetryOptions {
  /** Attempts per delivery before it goes to the dead letters (default 3; AWS retries for longer). */
  attempts?: number;
  /** The delay before the second attempt, growing by as much before each next one (default 200 ms). */
  retryDelayMs?: number;
}

export class Deliveries {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly attempts: number;
  private readonly retryDelayMs: number;

  constructor(options: RetryOptions) {
    this.attempts = options.attempts ?? 3;
    this.retryDelayMs = options.retryDelayMs ?? 200;
  }

  /** Starts `run` in the background; `onDeadLetter` gets the last error once every attempt failed. */
  start(run: () => Promise<unknown>, onDeadLetter: (error: unknown) => void): void {
    const delivery = this.deliver(run, onDeadLetter);
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  /** Resolves when every delivery started so far has finished (tests use it instead of sleeping). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async deliver(run: () => Promise<unknown>, onDeadLetter: (error: unknown) => void): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await run();
        return;
      } catch (error) {
        if (attempt >= this.attempts) return onDeadLetter(error);
        await new Promise((r) => setTimeout(r, this.retryDelayMs * attempt));
      }
    }
  }
}
