// Journey: the main pages open with a clean browser console: no script error, no console error and no
// Content-Security-Policy violation (the CSP stays strict), and the site has an icon, in real Chromium.
import type { Page } from 'playwright-core';
import { hasChromium, useJourney } from '#tests/helpers/browser';

const journey = useJourney();

function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    // A signed-out visitor's session check answers 401 by design; Chromium logs any failed fetch.
    if (msg.type() === 'error' && !/status of 401/.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400 && !res.url().includes('/api/')) problems.push(`${res.status()} ${res.url()}`);
  });
  return problems;
}

async function visit(page: Page, url: string) {
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  // Violations also reach the page as events; collect any the console did not show.
  return page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
}

describe.skipIf(!hasChromium)('browser console (Chromium)', () => {
  it('shows no error or CSP violation on the main pages, and the favicon is served as SVG', async () => {
    const context = await journey.browser.newContext({ locale: 'en-GB' });
    await context.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const page = await context.newPage();
    const problems = watch(page);
    const base = journey.server.url;
    problems.push(...(await visit(page, `${base}/login`)));
    problems.push(...(await visit(page, `${base}/report`)));
    await page.goto(`${base}/login`);
    await page.getByLabel('E-mail').fill('admin@tocsin.local');
    await page.getByLabel('Password').fill('browser-admin-passphrase');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
    for (const path of ['/', '/queue', '/duty', '/admin/users', '/admin/tokens', '/audit', '/account', '/team/profile']) {
      problems.push(...(await visit(page, `${base}${path}`)));
    }
    expect(problems).toEqual([]);

    const icon = await page.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel="icon"]')?.href ?? null);
    expect(icon).not.toBeNull();
    const res = await fetch(icon ?? '');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('image/svg+xml');
    await context.close();
  });
});
