/**
 * Structured JSON logs on stdout (CloudWatch reads them as they are). Callers pass ids and states only; the
 * logger never receives request bodies or personal data, and error values are reduced to name and message.
 * Each line also carries the fields of the invocation it belongs to (see withLogContext).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields, error?: unknown): void;
  child(fields: LogFields): Logger;
}

/** Only the kind and message of an error: SDK errors can carry item values, which may hold personal data. */
export function describeError(error: unknown): LogFields {
  if (error instanceof Error) {
    return { errorName: error.name, errorMessage: error.message.slice(0, 300) };
  }
  return { errorName: typeof error };
}

/**
 * The invocation's fields (request id, function name, cold start). Kept per asynchronous context rather than
 * in a variable because the local runtime runs every function, and concurrent requests, in one process.
 */
const invocation = new AsyncLocalStorage<LogFields>();

/** Runs `work` so that every line logged while it runs carries `fields`. */
export function withLogContext<T>(fields: LogFields, work: () => T): T {
  return invocation.run(fields, work);
}

export function createLogger(
  base: LogFields = {},
  write: (line: string) => void = (l) => console.log(l),
): Logger {
  const threshold = order[(process.env.LOG_LEVEL as Level) ?? 'info'] ?? order.info;
  const emit = (level: Level, message: string, fields: LogFields = {}, error?: unknown) => {
    if (order[level] < threshold) return;
    const extra = error === undefined ? {} : describeError(error);
    write(
      JSON.stringify({
        level,
        time: new Date().toISOString(),
        message,
        ...invocation.getStore(),
        ...base,
        ...fields,
        ...extra,
      }),
    );
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f, e) => emit('error', m, f, e),
    child: (fields) => createLogger({ ...base, ...fields }, write),
  };
}

export const logger = createLogger();
