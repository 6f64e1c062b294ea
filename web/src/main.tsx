import { render } from 'preact';
import { App } from './app.tsx';
import { syncClockFromPage } from './time.ts';
import './styles.css';

syncClockFromPage();
const competitionId =
  document.querySelector('meta[name="competition"]')?.getAttribute('content') ?? undefined;
render(<App {...(competitionId ? { competitionId } : {})} />, document.getElementById('app')!);
