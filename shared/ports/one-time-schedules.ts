/** Schedules made at run time that fire once (EventBridge Scheduler `at()` in AWS, the local scheduler locally). */

export interface OneTimeSchedule {
  /** Names the schedule: scheduling the same key again creates nothing new (a retried request is safe). */
  key: string;
  atMs: number;
  /** The zone the instant is written in, as the edition's schedules are. */
  timeZone: string;
  /** The event the deadline function receives when it fires. */
  input: Record<string, unknown>;
}

export interface OneTimeSchedules {
  /** Creates the schedule; false when one with the same key exists already. Failures throw. */
  schedule(schedule: OneTimeSchedule): Promise<boolean>;
}
