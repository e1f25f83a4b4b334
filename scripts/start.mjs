// `npm start`: builds what is missing or older than its sources (the web app into dist/web, the server into
// dist/server), then serves Tocsin from the compiled server. `--build-only` (npm's prepare step, after `npm install`
// and `npm ci`) builds and stops, so that `npm start` serves at once.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { buildServer, freshServerEntry, root } from './build-server.mjs';

const builtWeb = path.join(root, 'dist/web/index.html');

function newest(dir) {
  let t = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

const webSources = Math.max(newest(path.join(root, 'src/web')), newest(path.join(root, 'src/shared')));
if (!fs.existsSync(builtWeb) || fs.statSync(builtWeb).mtimeMs < webSources) {
  process.stdout.write('Building the web app…\n');
  execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
if (!freshServerEntry()) {
  process.stdout.write('Building the server…\n');
  await buildServer();
}
if (!process.argv.includes('--build-only')) await import('../bin/tocsin.mjs');
