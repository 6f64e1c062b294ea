import { describe, expect, it } from 'vitest';
import { mailConfig } from '#shared/config/mail-config.ts';

describe('mail settings', () => {
  it('default to SES from the configured sender', () => {
    expect(mailConfig({ MAIL_FROM: 'registration@bayu.example.cn' })).toEqual({
      transport: 'ses',
      from: 'registration@bayu.example.cn',
    });
  });

  it('choose SMTP with its server URL', () => {
    expect(
      mailConfig({
        MAIL_FROM: 'a@bayu.example.cn',
        MAIL_TRANSPORT: 'smtp',
        MAIL_SMTP_URL: 'smtps://u:p@mail.example.cn:465',
      }),
    ).toEqual({ transport: 'smtp', from: 'a@bayu.example.cn', smtpUrl: 'smtps://u:p@mail.example.cn:465' });
  });

  it.each([
    [{ MAIL_FROM: 'not an address' }, /invalid mail settings/],
    [{}, /missing environment variable MAIL_FROM/],
    [{ MAIL_FROM: 'a@b.cn', MAIL_TRANSPORT: 'smtp' }, /smtpUrl/],
    [{ MAIL_FROM: 'a@b.cn', MAIL_TRANSPORT: 'smtp', MAIL_SMTP_URL: 'http://mail.example.cn' }, /smtpUrl/],
    [{ MAIL_FROM: 'a@b.cn', MAIL_TRANSPORT: 'pigeon' }, /transport/],
  ])('refuse %j', (env, message) => {
    expect(() => mailConfig(env)).toThrow(message);
  });
});
