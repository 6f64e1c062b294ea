/** Counts requests per caller and time window, atomically, wherever the API's instances run. */
export interface RateCounter {
  /**
   * Counts one request of `callerKey` in the window starting at `windowStartMs` if fewer than `limit` were
   * counted there; false (and nothing counted) when the window is full.
   */
  countBelow(callerKey: string, windowStartMs: number, limit: number, windowEndMs: number): Promise<boolean>;
}
