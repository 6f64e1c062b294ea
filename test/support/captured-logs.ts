/** Every line written to the console or to stdout/stderr from the call on (still printed), until the mocks are restored. */
import { vi } from 'vitest';

export function captureLogs(lines: string[]): void {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[method].bind(console);
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
      original(...args);
    });
  }
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      lines.push(String(chunk));
      return original(chunk as string, ...(rest as []));
    }) as typeof stream.write);
  }
}
