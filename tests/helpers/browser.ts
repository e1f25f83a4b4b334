// Real Chromium (Debian's package) driven by playwright-core, and a real Tocsin server for it to talk to.
// Without Chromium the journeys report themselves skipped — except under CI, where that is a failure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { pino } from 'pino';
import { startServer, type Running } from '#server/main';
import { loadConfig } from '#server/config';

export const CHROMIUM = process.env.TOCSIN_CHROMIUM ?? '/usr/bin/chromium';
export const INSTALL_HINT = 'sudo apt-get install -y chromium';

export const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) {
  if (process.env.CI) throw new Error(`Browser tests need Chromium at ${CHROMIUM} and CI is set: install it with \`${INSTALL_HINT}\``);
  console.warn(`Browser tests skipped: no Chromium at ${CHROMIUM}. Install it with \`${INSTALL_HINT}\`.`);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Why: the machine has no network; without these flags Chromium keeps trying to reach Google's hosts.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--disable-dev-shm-usage',
    ],
  });
}

export const ADMIN = { email: 'admin@tocsin.local', password: 'browser-admin-passphrase' };

/** A real Tocsin server on a random port, with a fresh embedded database and a known admin password. */
export async function startTestServer(env: Record<string, string> = {}): Promise<Running & { dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tocsin-browser-'));
  const config = loadConfig({
    TOCSIN_PORT: '0',
    TOCSIN_HOST: '127.0.0.1',
    TOCSIN_DATA_DIR: dataDir,
    TOCSIN_ADMIN_PASSWORD: ADMIN.password,
    TOCSIN_LOG_LEVEL: 'silent',
    ...env,
  });
  const running = await startServer(config, pino({ level: 'silent' }));
  return {
    ...running,
    dataDir,
    async stop() {
      await running.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Journey {
  readonly server: Running & { dataDir: string };
  readonly browser: Browser;
  /** A signed-in page for the admin, in a fresh context with the given locale. */
  signInAsAdmin(locale?: string): Promise<Page>;
}

/** Registers beforeAll/afterAll for one server and one browser per test file; nothing starts without Chromium. */
export function useJourney(env: Record<string, string> = {}): Journey {
  let server: (Running & { dataDir: string }) | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!hasChromium) return;
    server = await startTestServer(env);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const journey: Journey = {
    get server() {
      if (!server) throw new Error('no server: Chromium missing?');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('no browser: Chromium missing?');
      return browser;
    },
    async signInAsAdmin(locale = 'en-GB') {
      const page = await (await journey.browser.newContext({ locale })).newPage();
      await page.goto(`${journey.server.url}/login`);
      await page.getByLabel('E-mail').fill(ADMIN.email);
      await page.getByLabel('Password').fill(ADMIN.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
      return page;
    },
  };
  return journey;
}
