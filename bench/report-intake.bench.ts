// Report intake requests per second: anonymous POST /api/public/reports (JSON, with observables to extract
// and match against 10,000 constituent assets, SLA clocks started) against /api/health in the same run,
// on PGlite and on PostgreSQL.
import { pino } from 'pino';
import { JobQueue } from '#server/jobs/queue';
import { systemClock, type Ctx } from '#server/ctx';
import { importOrganisationsCsv } from '#server/organisations/import-csv';
import { benchServer, fmt, onBothEngines, requestsPerSecond } from './lib';

const ASSETS = 10_000;

function constituentsCsv(): string {
  const lines = ['organisation,kind,criticality,asset_kind,asset_value'];
  for (let i = 0; i < ASSETS; i++) {
    const org = `Constituent ${i % 500}`;
    lines.push(i % 2 ? `${org},constituent,high,domain,c${i}.example.org` : `${org},constituent,high,cidr,10.${(i >> 8) & 255}.${i & 255}.0/24`);
  }
  return lines.join('\n');
}

const report = JSON.stringify({
  title: 'Phishing campaign against our users',
  description: 'We received mails linking to hxxps://login-portal[.]c3.example.org/owa and 10.0.7.12 scanning us.',
  evidence: 'Jan 10 10:00:01 fw1 DROP SRC=10.0.7.12 DST=192.0.2.10 PROTO=TCP DPT=22\nsha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  urgent: false,
  tlp: 'AMBER',
  reporter: { name: 'Bench Reporter', email: 'reporter@example.net' },
});

await onBothEngines(async (label, database, dataDir) => {
  const ctx: Ctx = { db: database.db, actor: { kind: 'system', label: 'bench' }, jobs: new JobQueue(database.db), clock: systemClock, log: pino({ level: 'silent' }), origin: {} };
  const imported = await importOrganisationsCsv(ctx, constituentsCsv(), false);
  if (imported.errors.length) throw new Error(`asset import failed: ${JSON.stringify(imported.errors[0])}`);
  const server = await benchServer(database, dataDir);
  try {
    await requestsPerSecond(`${server.url}/api/health`);
    const health = await requestsPerSecond(`${server.url}/api/health`);
    const intake = await requestsPerSecond(`${server.url}/api/public/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: report });
    console.log(`${label}: GET /api/health ${fmt(health)} req/s | POST /api/public/reports (6 observables, ${fmt(ASSETS)} assets) ${fmt(intake)} req/s | ratio ${(intake / health).toFixed(3)}`);
  } finally {
    await server.close();
  }
});
