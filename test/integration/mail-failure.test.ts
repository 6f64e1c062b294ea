/**
 * A deployment whose mail server refuses every message: the mail ends in the dead letters after its retries and
 * the registration it reports stays exactly as stored. The SMTP server here answers every connection with
 * 554 (no service), as a mail server that refuses the sender would.
 */
import { createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { ENV } from '#shared/config/env-names.ts';
import { createUnit, eventually, judged, machineVisionEntry } from '../support/local-api.ts';
import { localRuntimeOfFile } from '../support/local-runtime.ts';
import { outbox } from '../support/outbox.ts';

let smtp: Server;

async function refusingSmtpServer(): Promise<number> {
  smtp = createServer((socket) => socket.end('554 5.3.2 no service here\r\n'));
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  return (smtp.address() as { port: number }).port;
}

const local = localRuntimeOfFile(async () => {
  // This file runs in its own process (vitest forks), so the setting reaches only this runtime.
  process.env[ENV.mailTransport] = 'smtp';
  process.env[ENV.mailSmtpUrl] = `smtp://127.0.0.1:${await refusingSmtpServer()}`;
  return { clockStart: '2023-09-01T09:00:00+08:00' };
});
afterAll(() => {
  smtp?.close();
});

describe('a mail transport that always fails', () => {
  it('dead-letters the mail after its retries and leaves the registration untouched', async () => {
    const unit = await createUnit(local.runtime);
    const created = await local.call('POST', '/v1/competitions/bayu-2023/registrations', {
      token: unit.token,
      body: machineVisionEntry(),
    });
    expect(created.status).toBe(201);
    // Eligibility is judged on its own; that is the entry's only change, whatever happens to the mail.
    const judgedEntry = await judged(local.runtime, created.body.registrationId);

    const dead = await eventually(() =>
      local.runtime.bus.deadLetters.find((d) => d.rule === 'mail-on-registration-submitted'),
    );
    expect(dead.error).toMatch(/mails could not be sent/);
    const log = await local.call('GET', `/v1/units/${unit.unitId}/mails`, {
      token: local.runtime.secretariatToken,
    });
    expect(log.body.items).toEqual([
      expect.objectContaining({ template: 'receipt-submitted', status: 'failed', attempts: 3 }),
    ]);
    expect(log.body.items[0].error).toMatch(/554/);

    const read = await local.call('GET', `/v1/registrations/${created.body.registrationId}`, {
      token: unit.token,
    });
    expect(read.body).toEqual(judgedEntry);
    expect(read.body.history.map((h: { action: string }) => h.action)).toEqual([
      'submitted',
      'eligibility-evaluated',
    ]);
    expect(await outbox(local.runtime)).toEqual([]);
  });
});
