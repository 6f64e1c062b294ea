/** One local runtime per test file: started before its tests, stopped after them. */
import { afterAll, beforeAll } from 'vitest';
import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from '#infra/local/runtime.ts';
import { api } from './local-api.ts';

export interface LocalRuntimeOfFile {
  runtime: LocalRuntime;
  call: ReturnType<typeof api>;
}

export function localRuntimeOfFile(options: LocalRuntimeOptions | (() => Promise<LocalRuntimeOptions>)) {
  const local = {} as LocalRuntimeOfFile;
  beforeAll(async () => {
    local.runtime = await startLocalRuntime(typeof options === 'function' ? await options() : options);
    local.call = api(local.runtime);
  });
  afterAll(async () => {
    await local.runtime?.stop();
  });
  return local;
}
