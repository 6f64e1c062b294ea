import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The command a newcomer runs: `npm start` is `ensure-java && node --import tsx infra/local/main.ts`. This starts it the
 * same way (Java is ensured by the test command itself), talks to it, and stops it with Ctrl-C.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'bayu-start-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function start(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; output: () => string; baseUrl: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/main.ts'], {
    env: { ...process.env, PORT: '0', LOCAL_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line:\n${output}`)), 90_000);
    child.stdout?.on('data', () => {
      const ready = /^ready (http:\/\/127\.0\.0\.1:\d+)$/m.exec(output);
      if (ready?.[1]) {
        clearTimeout(timer);
        resolve({ child, output: () => output, baseUrl: ready[1] });
      }
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

const stop = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    child.on('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });

describe('npm start', () => {
  it('prints a ready line, serves the API with the given token, keeps data across restarts and stops on Ctrl-C', async () => {
    const token = 'e2e-secretariat-token-0001';
    const first = await start({ SECRETARIAT_TOKEN: token, APP_CLOCK_START: '2023-09-01T09:00:00+08:00' });
    expect(first.output()).not.toContain('secretariat token:');
    const health = await fetch(`${first.baseUrl}/v1/health`);
    expect(await health.json()).toEqual({ status: 'ok' });
    const created = await fetch(`${first.baseUrl}/v1/units`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: '重庆持久化测试公司',
        kind: 'enterprise',
        contact: { name: '李明', phone: '13900001111', email: 'unit@example.cn' },
      }),
    });
    expect(created.status).toBe(201);
    const clock = (await (await fetch(`${first.baseUrl}/local/clock`)).json()) as { now: string };
    expect(clock.now.startsWith('2023-09-01T01:00')).toBe(true);
    expect(await stop(first.child)).toBe(0);

    const second = await start({ SECRETARIAT_TOKEN: token });
    const units = await fetch(`${second.baseUrl}/v1/units`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await units.json()) as { items: Array<{ name: string }> };
    expect(body.items.map((u) => u.name)).toEqual(['重庆持久化测试公司']);
    expect(await stop(second.child)).toBe(0);
  }, 180_000);

  it('refuses a SECRETARIAT_TOKEN too short to be safe', async () => {
    await expect(start({ SECRETARIAT_TOKEN: 'short' })).rejects.toThrow(/exited with 2/);
  }, 60_000);
});
