import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';

/** What a page loaded, or why it could not (in Chinese), and a way to load it again. */
export interface Loaded<T> {
  data: T | null;
  problem: string | null;
  reload(): Promise<void>;
}

/** Loads once per change of `deps`; a refusal keeps the last data and says why. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[], what: string): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const reload = () =>
    load()
      .then((value) => {
        setData(value);
        setProblem(null);
      })
      .catch((error: unknown) => setProblem(problemText(error, `${what}载入失败`)));
  useEffect(() => {
    reload();
  }, deps);
  return { data, problem, reload };
}

/** An API refusal in Chinese (problemZh), or `fallback` for anything else. */
export const problemText = (error: unknown, fallback: string): string =>
  error instanceof ApiError ? error.message : fallback;
