// `npm test`: every project (unit, api, browser) on PGlite, then the API suite again on PostgreSQL
// when TEST_DATABASE_URL is set. Prints one closing line: "tests: N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const vitest = path.resolve('node_modules/vitest/vitest.mjs');
const extra = process.argv.slice(2);
const runs = [{ label: 'PGlite', env: {}, args: [] }];
if (process.env.TEST_DATABASE_URL) runs.push({ label: 'PostgreSQL', env: { TOCSIN_TEST_ENGINE: 'postgres' }, args: ['--project', 'api'] });

const total = { passed: 0, failed: 0, skipped: 0 };
let failedRun = false;
for (const run of runs) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tocsin-vitest-')), 'report.json');
  process.stdout.write(`\n=== Tocsin tests on ${run.label} ===\n`);
  const res = spawnSync(
    process.execPath,
    [vitest, 'run', ...run.args, ...extra, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`],
    {
      stdio: 'inherit',
      env: { ...process.env, ...run.env },
    },
  );
  if (res.status !== 0) failedRun = true;
  if (fs.existsSync(out)) {
    const r = JSON.parse(fs.readFileSync(out, 'utf8'));
    total.passed += r.numPassedTests;
    total.failed += r.numFailedTests;
    total.skipped += r.numPendingTests + r.numTodoTests;
    process.stdout.write(`${run.label}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped\n`);
  } else {
    failedRun = true;
    process.stdout.write(`${run.label}: the test runner produced no report\n`);
  }
}
process.stdout.write(`\ntests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
process.exit(failedRun || total.failed > 0 ? 1 : 0);
