// CI check: the Drizzle tables (src/server/**/*.table.ts) and the committed migrations agree.
// Generates into a scratch copy of migrations/; any new migration file means a schema change was not generated.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tocsin-schema-'));
fs.cpSync('migrations', scratch, { recursive: true });
const before = new Set(fs.readdirSync(scratch));
execFileSync(
  process.execPath,
  ['node_modules/drizzle-kit/bin.cjs', 'generate', '--dialect', 'postgresql', '--schema', './src/server/**/*.table.ts', '--out', scratch],
  { stdio: 'pipe' },
);
const added = fs.readdirSync(scratch).filter((f) => !before.has(f));
fs.rmSync(scratch, { recursive: true, force: true });
if (added.length) {
  console.error(`Schema and migrations differ: run \`npm run db:generate\` and review ${added.join(', ')}`);
  process.exit(1);
}
console.log('Schema and migrations agree.');
