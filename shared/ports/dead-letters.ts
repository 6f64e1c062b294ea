/** What every retry failed to deliver (events, stream records, schedules), waiting for an operator. */
export interface DeadLetterCount {
  /** Which queue: what it holds, e.g. `events for Notify`. */
  queue: string;
  messages: number;
}

export interface DeadLetters {
  /** Every dead-letter queue of the system with the messages waiting in it. */
  waiting(): Promise<DeadLetterCount[]>;
}
