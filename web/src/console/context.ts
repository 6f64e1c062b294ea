import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Edition } from '#shared/domain/edition.ts';
import type { AccountView } from '../types.ts';
import type { ConsoleApi } from './api.ts';

/** What every console page reads: the client, the signed-in member, the edition, and where to go next. */
export interface ConsoleSession {
  api: ConsoleApi;
  account: AccountView;
  edition: Edition;
  navigate(hash: string, flash?: string): void;
}

export const ConsoleContext = createContext<ConsoleSession | null>(null);

export function useConsole(): ConsoleSession {
  const session = useContext(ConsoleContext);
  if (!session) throw new Error('useConsole outside the signed-in console');
  return session;
}
