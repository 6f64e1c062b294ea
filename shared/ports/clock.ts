/** Where time comes from. Nothing reads Date.now() directly, so tests and the local runtime can set the time. */
export interface Clock {
  nowMs(): number;
}

export const isoAt = (ms: number): string => new Date(ms).toISOString();
