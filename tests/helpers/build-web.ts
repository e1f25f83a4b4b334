// Browser tests run against the built web app: build it once per run when it is missing or stale.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

function newest(dir: string): number {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

export default function setup() {
  const index = path.resolve('dist/web/index.html');
  const stale =
    !fs.existsSync(index) || fs.statSync(index).mtimeMs < Math.max(newest(path.resolve('src/web')), newest(path.resolve('src/shared')));
  // NODE_ENV is "test" inside vitest: without resetting it Vite would bundle React's development build.
  if (stale)
    execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
}
