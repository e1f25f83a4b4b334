// `npm run dev`: the server (restarted on change by tsx watch) and Vite's dev server with hot reload on :5173,
// which proxies /api and the public pages to the server on :8080.
import { spawn } from 'node:child_process';

const children = [
  spawn(process.execPath, ['--import', 'tsx', '--watch', 'src/server/cli.ts', 'serve'], {
    stdio: 'inherit',
    env: { ...process.env, TOCSIN_DEV_ENTRY: '1' },
  }),
  spawn(process.execPath, ['node_modules/vite/bin/vite.js'], { stdio: 'inherit' }),
];
const stop = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const c of children)
  c.on('exit', (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
