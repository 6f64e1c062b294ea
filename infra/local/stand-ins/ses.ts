/**
 * SES stand-in: aws-ses-v2-local in this Node process, on 127.0.0.1 only. It accepts SESv2 SendEmail (Simple,
 * Raw, Template) and SES v1 SendEmail/SendRawEmail; tests read the mail with `GET {endpoint}/store` and empty it
 * with `POST {endpoint}/clear-store`; `{endpoint}/` is a web inbox for people.
 *
 * Its mail store is a module-level singleton: every instance started in one process shares the same mailbox.
 */
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { closeServer, LOCAL_HOST } from '../http.ts';

export interface SesOptions {
  /** 0 or omitted: the OS picks a free port. */
  port?: number;
}

export interface SesStandIn {
  endpoint: string;
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);

export async function startSes(options: SesOptions = {}): Promise<SesStandIn> {
  // With SMTP_TRANSPORT set, aws-ses-v2-local relays every message to that SMTP server: real mail leaving the
  // machine is exactly what a stand-in must never do.
  if (process.env.SMTP_TRANSPORT?.trim()) {
    throw new Error(
      'SMTP_TRANSPORT is set: aws-ses-v2-local would relay mail to it; unset it for the local stack',
    );
  }
  // Loaded through require: it is CommonJS with `exports.default`, whose shape under an ESM default import
  // differs between Node and vitest.
  const { default: sesServer } = require('aws-ses-v2-local') as typeof import('aws-ses-v2-local');

  // Its listen() resolves even when binding fails (Express 5 hands the error to the callback, which ignores
  // it), so a server that is not listening afterwards means the port was taken.
  const server = await sesServer({ host: LOCAL_HOST, port: options.port ?? 0 });
  if (!server.listening) {
    server.close();
    throw new Error(`aws-ses-v2-local could not listen on ${LOCAL_HOST}:${options.port ?? 0} (port in use?)`);
  }
  const { port } = server.address() as AddressInfo;

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= closeServer(server);
    return stopped;
  };

  return { endpoint: `http://${LOCAL_HOST}:${port}`, stop };
}
