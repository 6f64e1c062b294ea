/**
 * How the local bus and scheduler deliver, as EventBridge and Scheduler do for their targets: a few attempts
 * with growing delays, then a dead letter instead of an error.
 */
export async function deliverWithRetries(
  run: () => Promise<unknown>,
  options: { attempts: number; retryDelayMs: number },
  onDeadLetter: (error: unknown) => void,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await run();
      return;
    } catch (error) {
      if (attempt >= options.attempts) {
        onDeadLetter(error);
        return;
      }
      await new Promise((r) => setTimeout(r, options.retryDelayMs * attempt));
    }
  }
}
