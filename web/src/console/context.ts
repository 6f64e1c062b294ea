import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Edition } from '#shared/domain/edition.ts';
import type { AccountView } from '../types.ts';
import type { ConsoleApi } from './api.ts';

/** What every console page reads: the client, the signed-in member and the edition. */
export interface ConsoleSession {
  api: ConsoleApi;
  account: AccountView;
  edition: Edition;
}

export const ConsoleContext = createContext<ConsoleSession | null>(null);

export function useConsole(): ConsoleSession {
  const session = useContext(ConsoleContext);
  if (!session) throw new Error('useConsole outside the signed-in console');
  return session;
}
