// Real Chromium (Debian's package) driven by playwright-core, and a real Tocsin server for it to talk to.
// Without Chromium the journeys report themselves skipped — except under CI, where that is a failure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
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
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'],
  });
}

export const ADMIN = { email: 'admin@tocsin.local', password: 'browser-admin-passphrase' };

/** A real Tocsin server on a random port, with a fresh embedded database and a known admin password. */
export async function startTestServer(): Promise<Running & { dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tocsin-browser-'));
  const config = loadConfig({ TOCSIN_PORT: '0', TOCSIN_HOST: '127.0.0.1', TOCSIN_DATA_DIR: dataDir, TOCSIN_ADMIN_PASSWORD: ADMIN.password, TOCSIN_LOG_LEVEL: 'silent' });
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
