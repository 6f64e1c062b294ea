/**
 * The API's documentation page (GET /docs) in a real browser, against the local runtime serving the built web
 * app: it renders the document's operations under its own Content-Security-Policy (a script the policy did not
 * allow would be refused, and Chromium logs the refusal as a console error), and nothing reaches another origin.
 * Redoc's attribution logo, wired to Redocly's CDN in its code, is an empty image in the built page
 * (web/build.ts): the page logs no console error.
 */
import { describe, expect, it } from 'vitest';
import { browserOfFile } from '../support/browser.ts';
import { localRuntimeServingWebApp } from '../support/web-runtime.ts';

const local = localRuntimeServingWebApp('2023-09-01T09:00:00+08:00');
const browser = browserOfFile();

describe('the documentation page', () => {
  it('shows the operations and their Chinese examples, with nothing from another origin', async () => {
    const { page } = browser;
    const answeredFrom = new Set<string>();
    page.on('response', (response) => answeredFrom.add(new URL(response.url()).origin));

    const response = await page.goto(`${local.runtime.baseUrl}/docs#/registrations/submitregistration`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'sha256-/);

    await page.getByText('Submit an entry (提交报名)').first().waitFor({ timeout: 30_000 });
    await expect(page.title()).resolves.toBe('“巴渝工匠”杯参赛报名 API');
    // The request example, as the page shows it (not only as the document embedded in the page).
    await expect
      .poll(() => page.evaluate('document.body.innerText'), { timeout: 10_000 })
      .toContain('"name": "王强"');

    expect([...answeredFrom]).toEqual([new URL(local.runtime.baseUrl).origin]);
    expect(browser.consoleErrors).toEqual([]);
    expect(browser.takeRefused()).toEqual([]);
  }, 120_000);
});
