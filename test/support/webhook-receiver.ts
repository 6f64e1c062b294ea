/**
 * A webhook receiver on 127.0.0.1 for tests: it verifies every delivery with the standardwebhooks package, as a
 * portal's receiver would, and answers with the statuses it was given.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { vi } from 'vitest';
import { envClock } from '#shared/adapters/env-clock.ts';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  message: { type: string; timestamp: string; data: Record<string, unknown> };
}

/** A webhook receiver: answers each delivery with the next status of `answers` (the last one repeats). */
export class Receiver {
  readonly received: Received[] = [];
  readonly unverified: string[] = [];
  secret = '';
  private server: Server | undefined;
  url = '';

  constructor(private readonly answers: number[]) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        try {
          const message = verifiedAtAppTime(this.secret, body, req.headers) as Received['message'];
          this.received.push({ headers: req.headers, body, message });
        } catch (error) {
          this.unverified.push((error as Error).message);
        }
        const status = this.answers[Math.min(this.received.length, this.answers.length) - 1] ?? 500;
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/**
 * The package checks the timestamp against the receiver's clock; the local runtime's clock is moved here (to
 * reach the due retries), so the receiver reads the same clock, as a receiver and the system share real time.
 */
function verifiedAtAppTime(secret: string, body: string, headers: IncomingHttpHeaders): unknown {
  const now = vi.spyOn(Date, 'now').mockReturnValue(envClock.nowMs());
  try {
    return new Webhook(secret).verify(body, headers as Record<string, string>);
  } finally {
    now.mockRestore();
  }
}
