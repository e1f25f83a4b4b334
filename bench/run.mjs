// `npm run bench`: runs every bench/*.bench.ts (or those named on the command line) one after the other.
// Each benchmark prints its figures beside a baseline measured in the same run, as a ratio.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const dir = path.dirname(new URL(import.meta.url).pathname);
const wanted = process.argv.slice(2);
const benches = fs.readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && (!wanted.length || wanted.some((w) => f.includes(w)))).sort();
let failed = 0;
for (const b of benches) {
  process.stdout.write(`\n## ${b}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, b)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
