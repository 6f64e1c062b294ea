import * as z from 'zod';
import { ENV } from './env-names.ts';

export type MailConfig =
  | { transport: 'ses'; from: string }
  | { transport: 'smtp'; from: string; smtpUrl: string };

const Schema = z.discriminatedUnion('transport', [
  z.strictObject({ transport: z.literal('ses'), from: z.email() }),
  z.strictObject({
    transport: z.literal('smtp'),
    from: z.email(),
    smtpUrl: z.url({ protocol: /^smtps?$/ }),
  }),
]);

/**
 * The mail settings, validated once: the sender must be an address (the SES stand-in would accept anything, so
 * a typo would only show in AWS), and SMTP needs a server URL. The CDK app sets no transport, so deployed
 * functions send through SES and their bundles leave nodemailer out (infra/cdk/bundling.ts).
 */
export function mailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig {
  const transport = env[ENV.mailTransport] || 'ses';
  const from = env[ENV.mailFrom];
  if (!from) throw new Error(`missing environment variable ${ENV.mailFrom}`);
  const result = Schema.safeParse({
    transport,
    from,
    ...(transport === 'smtp' ? { smtpUrl: env[ENV.mailSmtpUrl] } : {}),
  });
  if (!result.success) throw new Error(`invalid mail settings: ${z.prettifyError(result.error)}`);
  return result.data;
}
