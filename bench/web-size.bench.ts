// The web app's first load: the bytes Chromium really receives (CDP network events) for the sign-in page,
// then for signing in and rendering the home page, served by a real Tocsin server on the built app, against
// the 250 KB goal and beside the whole built app compressed with gzip in the same run, as a ratio. Measured
// as Chromium asks (brotli) and as a client that only speaks gzip; the repeat visit shows the cache at work.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser, CDPSession, Page } from 'playwright-core';
import buildWeb from '#tests/helpers/build-web';
import { ADMIN, hasChromium, INSTALL_HINT, launchBrowser, startTestServer } from '#tests/helpers/browser';
import { webDist } from '#server/http/web';
import { figure, RUNS } from './lib';

const GOAL = 250 * 1024;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

interface Transfer {
  url: string;
  encoding: string;
  /** Bytes of the body as they crossed the network (compressed when the server compressed it). */
  body: number;
  /** Body and response headers. */
  total: number;
  fromCache: boolean;
  /** Bytes received when the headers arrived (the status line and headers). */
  headers: number;
  /** Body bytes reported chunk by chunk (Chromium skips these events for some responses). */
  chunks: number;
}

/** Records every response the page receives over the network, with its size on the wire. */
async function recordNetwork(page: Page): Promise<{ cdp: CDPSession; done: Transfer[] }> {
  const cdp = await page.context().newCDPSession(page);
  const open = new Map<string, Transfer>();
  const done: Transfer[] = [];
  const cached = new Set<string>();
  cdp.on('Network.requestServedFromCache', (e) => cached.add(e.requestId));
  cdp.on('Network.responseReceived', (e) => {
    const h = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    open.set(e.requestId, {
      url: e.response.url,
      encoding: h['content-encoding'] ?? 'identity',
      body: 0,
      total: 0,
      fromCache:
        cached.has(e.requestId) || Boolean(e.response.fromDiskCache || e.response.fromPrefetchCache || e.response.fromServiceWorker),
      headers: e.response.encodedDataLength,
      chunks: 0,
    });
  });
  cdp.on('Network.dataReceived', (e) => {
    const t = open.get(e.requestId);
    if (t) t.chunks += e.encodedDataLength;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const t = open.get(e.requestId);
    if (!t) return;
    t.total = e.encodedDataLength;
    t.body = Math.max(t.chunks, t.total - t.headers);
    open.delete(e.requestId);
    done.push(t);
  });
  await cdp.send('Network.enable');
  return { cdp, done };
}

const sum = (list: Transfer[], key: 'body' | 'total') => list.reduce((n, t) => n + t[key], 0);

function printTransfers(title: string, list: Transfer[], origin: string): void {
  console.log(`  ${title}: ${list.length} responses, ${kb(sum(list, 'body'))} of bodies, ${kb(sum(list, 'total'))} with headers`);
  for (const t of [...list].sort((a, b) => b.body - a.body)) {
    const where = t.url.startsWith(origin) ? t.url.slice(origin.length) : t.url;
    console.log(`    ${kb(t.body).padStart(10)}  ${t.encoding.padEnd(8)} ${t.fromCache ? '(cache) ' : ''}${where}`);
  }
}

/** What the whole built app weighs, every file gzipped (source maps excepted: a browser never fetches them). */
function wholeDistGzip(dir: string): { files: number; raw: number; gzip: number } {
  let files = 0;
  let raw = 0;
  let gzip = 0;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (!/\.(map|gz|br)$/.test(e.name)) {
        const data = fs.readFileSync(p);
        files += 1;
        raw += data.length;
        gzip += zlib.gzipSync(data, { level: 9 }).length;
      }
    }
  };
  walk(dir);
  return { files, raw, gzip };
}

interface Visit {
  signIn: Transfer[];
  home: Transfer[];
  repeat: Transfer[];
}

/** Sign-in page from an empty cache, signing in to the home page, then the home page again. */
async function visit(browser: Browser, origin: string, acceptEncoding?: string): Promise<Visit> {
  const context = await browser.newContext({
    locale: 'en-GB',
    ...(acceptEncoding ? { extraHTTPHeaders: { 'accept-encoding': acceptEncoding } } : {}),
  });
  try {
    const page = await context.newPage();
    const net = await recordNetwork(page);

    // 1. A first visit: the sign-in page, from an empty cache.
    await page.goto(`${origin}/login`, { waitUntil: 'networkidle' });
    await page.getByLabel('E-mail').waitFor();
    const signIn = net.done.splice(0);

    // 2. Signing in and the home page: what the browser loads beyond the sign-in page.
    await page.getByLabel('E-mail').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
    await page.waitForLoadState('networkidle');
    const home = net.done.splice(0);

    // 3. A later visit to the home page: hashed assets come from the cache, only the page and the API travel.
    await page.goto(`${origin}/`, { waitUntil: 'networkidle' });
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
    const repeat = net.done.splice(0).filter((t) => !t.fromCache);
    return { signIn, home, repeat };
  } finally {
    await context.close();
  }
}

if (!hasChromium) {
  console.log(`web-size: skipped, no Chromium (${INSTALL_HINT})`);
  process.exit(0);
}

buildWeb();
const whole = wholeDistGzip(webDist);
console.log(`whole built app (baseline): ${whole.files} files, ${kb(whole.raw)} raw, ${kb(whole.gzip)} gzip -9`);
const server = await startTestServer();
const browser = await launchBrowser();
try {
  const modes = [
    { name: 'web first load (sign-in + home), as Chromium receives it', acceptEncoding: undefined },
    { name: 'web first load (sign-in + home), gzip only', acceptEncoding: 'gzip' },
  ];
  for (let run = 1; run <= RUNS; run += 1) {
    for (const mode of modes) {
      const v = await visit(browser, server.url, mode.acceptEncoding);
      if (run === 1) {
        console.log(`\n${mode.name}:`);
        printTransfers('sign-in page, empty cache', v.signIn, server.url);
        printTransfers('sign in, then the home page', v.home, server.url);
        printTransfers('home page again (network only)', v.repeat, server.url);
      }
      const first = sum(v.signIn, 'body') + sum(v.home, 'body');
      const encodings = new Set([...v.signIn, ...v.home].filter((t) => t.body > 1024).map((t) => t.encoding));
      console.log(
        `run ${run}, ${mode.name}: ${kb(first)} (${[...encodings].join('+')}) | goal ≤ ${kb(GOAL)}: ${first <= GOAL ? 'met' : `missed by ${kb(first - GOAL)}`} | ` +
          `whole app gzip ${kb(whole.gzip)} | ratio ${(first / whole.gzip).toFixed(3)} | repeat visit ${kb(sum(v.repeat, 'body'))}`,
      );
      figure({
        name: mode.name,
        engine: '—',
        value: first / 1024,
        unit: 'KB',
        baseline: { name: 'whole built app, gzip -9', value: whole.gzip / 1024 },
        goal: { op: '<=', value: GOAL / 1024, of: 'value' },
        extra: {
          'sign-in page KB': sum(v.signIn, 'body') / 1024,
          'with headers KB': (sum(v.signIn, 'total') + sum(v.home, 'total')) / 1024,
          'repeat visit KB': sum(v.repeat, 'body') / 1024,
        },
      });
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
