/**
 * `npm start`: the whole system on this machine. Settings (design.md): PORT, SECRETARIAT_TOKEN,
 * APP_CLOCK_START, LOCAL_DATA_DIR.
 */
import { resolve } from 'node:path';
import { TOKEN_PATTERN } from '#shared/use-cases/authenticate.ts';
import { startLocalRuntime } from './runtime.ts';

/** Both tracks of 2023 are open at this moment, so a newcomer can register at once. */
const DEMO_CLOCK_START = '2023-09-01T09:00:00+08:00';

const secretariatToken = process.env.SECRETARIAT_TOKEN;
if (secretariatToken && !TOKEN_PATTERN.test(secretariatToken)) {
  console.error('SECRETARIAT_TOKEN must be 16 to 200 characters of A-Z a-z 0-9 - . _ ~ + /');
  process.exit(2);
}

const runtime = await startLocalRuntime({
  port: Number(process.env.PORT ?? 3000),
  dataDir: resolve(process.env.LOCAL_DATA_DIR ?? '.local'),
  clockStart: process.env.APP_CLOCK_START ?? DEMO_CLOCK_START,
  ...(secretariatToken ? { secretariatToken } : {}),
});

if (runtime.generatedToken) console.log(`secretariat token: ${runtime.secretariatToken}`);
console.log(`SES stand-in inbox: ${runtime.sesEndpoint}/`);
console.log(`ready ${runtime.baseUrl}`);

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  console.log('stopping');
  await runtime.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
