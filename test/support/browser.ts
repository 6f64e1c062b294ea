/**
 * A real browser for the web app's tests: Debian's Chromium (/usr/bin/chromium, installed by
 * scripts/ensure-browser.sh) under playwright-core, one per test file, with nothing reaching beyond this machine
 * (../shared/docs/web.md). `inspect` runs the checks every page must pass: an axe run with no serious or critical
 * violation, no horizontal scrolling at 360 px, and screenshots at 1280 and 360 px wide (written to a temporary
 * folder, printed at the end, never committed). Console errors of the page are collected for the test to assert;
 * Chromium's own line for an answer with an error status is kept apart, as the refusals the test expects.
 */
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const WIDE = { width: 1280, height: 900 };
const NARROW = { width: 360, height: 740 };

/** Chromium's console line for a response with an error status (the app itself handles the refusal). */
const REFUSED = /^Failed to load resource: the server responded with a status of (\d+)/;

export interface BrowserOfFile {
  /** The first person's page. */
  page: Page;
  /**
   * Another person at another computer: a page in a context of its own (its own session storage and
   * clipboard), watched like the first.
   */
  newPage(): Promise<Page>;
  /** Console errors and uncaught exceptions of the page so far, other than refused requests. */
  consoleErrors: string[];
  /** The requests answered with an error status since the last call, as `<status> <path>`; clears the list. */
  takeRefused(): string[];
  /** Axe, the 360 px width check and both screenshots of a page (the first unless named); leaves it at 1280 px. */
  inspect(name: string, page?: Page): Promise<void>;
}

export function browserOfFile(): BrowserOfFile {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let shotsDir: string;
  let refused: string[] = [];
  const state = {
    consoleErrors: [] as string[],
    takeRefused: () => {
      const taken = refused;
      refused = [];
      return taken;
    },
  } as BrowserOfFile;

  beforeAll(async () => {
    shotsDir = await mkdtemp(join(tmpdir(), 'bayu-screenshots-'));
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: run \`bash scripts/ensure-browser.sh\``);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    state.page = await state.newPage();
  }, 60_000);

  state.newPage = async () => {
    // @axe-core/playwright needs a context made by browser.newContext().
    const context = await browser.newContext({
      viewport: WIDE,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    // The console's 复制 writes the hand-over text to the clipboard, as a person's browser lets it.
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const status = REFUSED.exec(message.text())?.[1];
      if (status) refused.push(`${status} ${new URL(message.location().url).pathname}`);
      else state.consoleErrors.push(`${message.text()} @ ${message.location().url}`);
    });
    page.on('pageerror', (error) => state.consoleErrors.push(`pageerror: ${error.message}`));
    return page;
  };

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    if (shotsDir) console.info(`browser screenshots: ${shotsDir}`);
  });

  state.inspect = async (name, page = state.page) => {
    const { violations } = await new AxeBuilder({ page }).analyze();
    const serious = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious, `axe on ${name}`).toEqual([]);
    await page.screenshot({ path: join(shotsDir, `${name}-1280.png`), fullPage: true });
    await page.setViewportSize(NARROW);
    // Page-side code as strings: the backend's tsconfig has no DOM library.
    const widths = (await page.evaluate(
      '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
    )) as { scroll: number; client: number };
    expect(widths.scroll, `horizontal scrolling on ${name} at 360 px`).toBeLessThanOrEqual(widths.client);
    await page.screenshot({ path: join(shotsDir, `${name}-360.png`), fullPage: true });
    await page.setViewportSize(WIDE);
  };
  return state;
}
