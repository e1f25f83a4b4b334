// Realistic, varied data for the benches, written into a migrated database before the server starts:
// constituents and team members through Tocsin's own services, incidents (with their first score and their
// first-action SLA clock, consistent with their status) by batched SQL, so that 100k incidents take seconds.
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import type { Database } from '#server/db/client';
import { queryRows } from '#server/db/client';
import { JobQueue } from '#server/jobs/queue';
import { systemClock, type Ctx } from '#server/ctx';
import { importOrganisationsCsv } from '#server/organisations/import-csv';
import { bootstrapAdmin, createUser } from '#server/users/users.service';
import { ADMIN } from './tocsin-process';
import { firstActionTarget } from '#server/incidents/incident-rules';
import { scoreIncident, type ConstituentCriticality, type IncidentExtent, type IncidentImpact } from '#shared/incidents/criticality';
import { rsitClasses } from '#shared/taxonomies/rsit';

/** Deterministic pseudo-random numbers (mulberry32), so that every run seeds the same data. */
export function prng(seed: number): {
  next(): number;
  int(n: number): number;
  pick<T>(xs: readonly T[]): T;
  weighted<T>(xs: readonly (readonly [T, number])[]): T;
} {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    pick: <T>(xs: readonly T[]) => xs[int(xs.length)] as T,
    weighted<T>(xs: readonly (readonly [T, number])[]): T {
      let r = next() * xs.reduce((s, [, w]) => s + w, 0);
      for (const [x, w] of xs) if ((r -= w) < 0) return x;
      return (xs.at(-1) as readonly [T, number])[0];
    },
  };
}

function systemCtx(database: Database): Ctx {
  return {
    db: database.db,
    actor: { kind: 'system', label: 'bench' },
    jobs: new JobQueue(database.db),
    clock: systemClock,
    log: pino({ level: 'silent' }),
    origin: {},
  };
}

const CRITICALITIES: readonly (readonly [ConstituentCriticality, number])[] = [
  ['low', 3],
  ['medium', 4],
  ['high', 2],
  ['vital', 1],
];
const SECTORS = ['health', 'energy', 'transport', 'finance', 'government', 'education', 'water', 'telecom'];

export interface Constituent {
  id: string;
  criticality: ConstituentCriticality | null;
  resolution: boolean;
}

/**
 * Constituents with `assets` assets in all (half IPv4 /24 prefixes under 10.0.0.0/8, half domains under
 * example.org), imported through the CSV import a team uses; returns them with their facts.
 */
export async function seedConstituents(database: Database, organisations: number, assets: number): Promise<Constituent[]> {
  const r = prng(7);
  const lines = ['organisation,kind,sector,criticality,services,country,asset_kind,asset_value'];
  const facts = Array.from({ length: organisations }, () => ({
    sector: r.pick(SECTORS),
    criticality: r.weighted(CRITICALITIES),
    services: r.next() < 0.4 ? 'coordination|resolution' : 'coordination',
    country: r.pick(['FR', 'LU', 'BE', 'DE']),
  }));
  for (let i = 0; i < Math.max(assets, organisations); i++) {
    const o = i % organisations;
    const f = facts[o] ?? facts[0];
    const asset = i >= assets ? ',' : i % 2 ? `domain,c${i}.example.org` : `cidr,10.${(i >> 8) & 255}.${i & 255}.0/24`;
    lines.push(`Constituent ${o},constituent,${f?.sector},${f?.criticality},${f?.services},${f?.country},${asset}`);
  }
  const imported = await importOrganisationsCsv(systemCtx(database), lines.join('\n'), false);
  if (imported.errors.length) throw new Error(`constituent import failed: ${JSON.stringify(imported.errors.slice(0, 3))}`);
  const rows = await queryRows<{ id: string; criticality: ConstituentCriticality | null; services: string[] }>(
    database.db,
    sql`select id, criticality, services from organisations order by name`,
  );
  return rows.map((o) => ({ id: o.id, criticality: o.criticality, resolution: o.services.includes('resolution') }));
}

/** The first admin (as the server creates it on an empty database), then `n` analysts; returns the analysts' ids. */
export async function seedTeam(database: Database, n: number): Promise<string[]> {
  const ctx = systemCtx(database);
  await bootstrapAdmin(ctx, ADMIN);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const created = await createUser(ctx, {
      email: `analyst${i}@csirt.example.org`,
      name: `Analyst ${i}`,
      role: 'analyst',
      password: 'bench analyst password',
    });
    ids.push(created.user.id);
  }
  return ids;
}

const TITLES = [
  'Phishing campaign impersonating the webmail of',
  'Ransomware on a file server of',
  'Credential stuffing against the VPN of',
  'DDoS on the public website of',
  'Exposed RDP service at',
  'Malware beaconing from a workstation of',
  'Data leak on a paste site mentioning',
  'Defacement of a subdomain of',
  'Vulnerable Exchange server at',
  'Suspicious login from abroad at',
];
const STATUS_WEIGHTS = {
  recent: [
    ['open', 30],
    ['in-progress', 30],
    ['waiting', 15],
    ['resolved', 15],
    ['closed', 10],
  ],
  old: [
    ['open', 2],
    ['in-progress', 3],
    ['waiting', 3],
    ['resolved', 22],
    ['closed', 70],
  ],
} as const;
const TLPS = [
  ['CLEAR', 5],
  ['GREEN', 20],
  ['AMBER', 60],
  ['AMBER+STRICT', 10],
  ['RED', 5],
] as const;
const IMPACTS: readonly (readonly [IncidentImpact, number])[] = [
  ['low', 4],
  ['medium', 4],
  ['high', 2],
  ['critical', 0.5],
];
const EXTENTS: readonly (readonly [IncidentExtent, number])[] = [
  ['single', 5],
  ['few', 3],
  ['many', 1.5],
  ['widespread', 0.5],
];
const DAY = 86_400_000;
const BATCH = 10_000;

/**
 * `n` incidents over the last two years (recent ones mostly open, old ones mostly closed), spread over the
 * constituents (one in ten without one), 70 % owned by a team member, varied categories, priorities and TLP;
 * each with its first score and a first-action clock that is met, running, breached or paused as its status says.
 */
export async function seedIncidents(
  database: Database,
  n: number,
  constituents: readonly Constituent[],
  team: readonly string[],
): Promise<void> {
  const r = prng(n);
  const types = rsitClasses.flatMap((c) => c.types.map((t) => [c.id, t.id] as const)).filter(([c]) => c !== 'test');
  const now = Date.now();
  const year = new Date(now).getUTCFullYear();
  for (let start = 0; start < n; start += BATCH) {
    const incidents: Record<string, unknown>[] = [];
    const scores: Record<string, unknown>[] = [];
    const clocks: Record<string, unknown>[] = [];
    for (let k = start; k < Math.min(n, start + BATCH); k++) {
      const id = crypto.randomUUID();
      const age = r.next() ** 3 * 730 * DAY; // more recent than old
      const createdAt = now - age;
      const status = r.weighted(age < 30 * DAY ? STATUS_WEIGHTS.recent : STATUS_WEIGHTS.old);
      const org = r.next() < 0.9 ? r.pick(constituents) : null;
      const impact = r.weighted(IMPACTS);
      const extent = r.weighted(EXTENTS);
      const criticality = org?.criticality ?? 'medium';
      const urgent = r.next() < 0.05;
      const scored = scoreIncident({ impact, extent, constituentCriticality: criticality, urgent });
      const [categoryClass, categoryType] = r.pick(types);
      const ownerId = r.next() < 0.7 ? r.pick(team) : null;
      const tlp = r.weighted(TLPS);
      const named = tlp === 'RED' || r.next() < 0.05 ? [r.pick(team)] : [];
      const done = status === 'resolved' || status === 'closed';
      const updatedAt = Math.min(now, createdAt + r.next() * 20 * DAY);
      incidents.push({
        id,
        reference: `TOC-INC-${year - Math.floor(age / (365 * DAY))}-${String(k + 1).padStart(6, '0')}`,
        title: `${r.pick(TITLES)} constituent ${r.int(500)} (#${k + 1})`,
        description: `Reported on ${new Date(createdAt).toISOString().slice(0, 10)}. ${'Analysis notes and actions taken. '.repeat(1 + r.int(8))}`,
        status,
        category_class: categoryClass,
        category_type: categoryType,
        impact,
        extent,
        constituent_criticality: criticality,
        urgent,
        score: scored.score,
        priority: scored.priority,
        service_level: org?.resolution ? 'resolution' : 'coordination',
        organisation_id: org?.id ?? null,
        owner_id: ownerId,
        named_user_ids: named,
        tlp,
        pap: r.weighted([
          ['CLEAR', 1],
          ['GREEN', 3],
          ['AMBER', 5],
          ['RED', 1],
        ] as const),
        created_at: new Date(createdAt).toISOString(),
        updated_at: new Date(updatedAt).toISOString(),
        resolved_at: done ? new Date(updatedAt).toISOString() : null,
      });
      scores.push({
        incident_id: id,
        impact,
        extent,
        constituent_criticality: criticality,
        urgent,
        score: scored.score,
        priority: scored.priority,
        reason: 'Created',
        actor_label: 'Analyst',
        created_at: new Date(createdAt).toISOString(),
      });
      const target = firstActionTarget(scored.priority);
      // Business time runs about a third of calendar time: a due time roughly where the engine would put it.
      const dueAt = createdAt + target.durationMs * (target.mode === 'business' ? 3 : 1);
      const iso = (t: number) => new Date(t).toISOString();
      const clock = {
        subject_id: id,
        mode: target.mode,
        duration_ms: target.durationMs,
        started_at: iso(createdAt),
        created_at: iso(createdAt),
      };
      if (done || status === 'in-progress') {
        const metAt = Math.min(now, createdAt + r.next() * (dueAt - createdAt) * 1.3);
        clocks.push({
          ...clock,
          status: 'met',
          due_at: iso(dueAt),
          met_at: iso(metAt),
          breached_at: metAt > dueAt ? iso(dueAt) : null,
          running_since: null,
          paused_at: null,
          consumed_ms: 0,
          warned_at: null,
        });
      } else if (status === 'waiting') {
        const pausedAt = createdAt + (Math.min(now, dueAt) - createdAt) * r.next();
        clocks.push({
          ...clock,
          status: 'paused',
          due_at: null,
          met_at: null,
          breached_at: null,
          running_since: null,
          paused_at: iso(pausedAt),
          consumed_ms: Math.round(pausedAt - createdAt),
          warned_at: null,
        });
      } else {
        // Already warned when close to breach, and breached when past due: the SLA sweep has nothing to catch up on.
        const breached = dueAt <= now;
        clocks.push({
          ...clock,
          status: breached ? 'breached' : 'running',
          due_at: iso(dueAt),
          met_at: null,
          breached_at: breached ? iso(dueAt) : null,
          running_since: iso(createdAt),
          paused_at: null,
          consumed_ms: 0,
          warned_at: dueAt < now + DAY ? iso(Math.min(now, dueAt)) : null,
        });
      }
    }
    await database.db.execute(sql`
      insert into incidents (id, reference, title, description, status, category_class, category_type, impact, extent, constituent_criticality, urgent, score, priority, service_level, organisation_id, owner_id, named_user_ids, tlp, pap, created_at, updated_at, resolved_at)
      select id, reference, title, description, status, category_class, category_type, impact, extent, constituent_criticality, urgent, score, priority, service_level, organisation_id, owner_id, named_user_ids, tlp, pap, created_at, updated_at, resolved_at
      from jsonb_to_recordset(${JSON.stringify(incidents)}::jsonb) as x(id uuid, reference text, title text, description text, status text, category_class text, category_type text, impact text, extent text, constituent_criticality text, urgent boolean, score int, priority text, service_level text, organisation_id uuid, owner_id uuid, named_user_ids jsonb, tlp text, pap text, created_at timestamptz, updated_at timestamptz, resolved_at timestamptz)`);
    await database.db.execute(sql`
      insert into incident_scores (incident_id, impact, extent, constituent_criticality, urgent, score, priority, reason, actor_label, created_at)
      select incident_id, impact, extent, constituent_criticality, urgent, score, priority, reason, actor_label, created_at
      from jsonb_to_recordset(${JSON.stringify(scores)}::jsonb) as x(incident_id uuid, impact text, extent text, constituent_criticality text, urgent boolean, score int, priority text, reason text, actor_label text, created_at timestamptz)`);
    await database.db.execute(sql`
      insert into sla_clocks (subject_type, subject_id, target, mode, duration_ms, started_at, due_at, status, consumed_ms, running_since, paused_at, met_at, breached_at, warned_at, created_at)
      select 'incident', subject_id, 'first-action', mode, duration_ms, started_at, due_at, status, consumed_ms, running_since, paused_at, met_at, breached_at, warned_at, created_at
      from jsonb_to_recordset(${JSON.stringify(clocks)}::jsonb) as x(subject_id uuid, mode text, duration_ms bigint, started_at timestamptz, due_at timestamptz, status text, consumed_ms bigint, running_since timestamptz, paused_at timestamptz, met_at timestamptz, breached_at timestamptz, warned_at timestamptz, created_at timestamptz)`);
  }
  // The list's copy of the first-action clock's due time, as the incidents feature keeps it (incidents.repo.ts).
  await database.db.execute(sql`
    update incidents i set next_due_at = c.due_at from sla_clocks c
    where c.subject_type = 'incident' and c.subject_id = i.id and c.target = 'first-action'
      and c.status in ('running', 'breached') and c.met_at is null`);
  // Statistics as a server's autovacuum would have gathered them by now; PGlite runs no autovacuum, so none there.
  if (database.engine === 'postgres') await database.db.execute(sql`vacuum analyze incidents, incident_scores, sla_clocks`);
}

/**
 * Varied public reports: phishing, scans, malware, leaks; defanged or plain observables, some inside the ranges
 * and domains of seedConstituents(…, assets).
 */
export function reportMaker(seed: number, assets: number): () => string {
  const r = prng(seed);
  const hex = (n: number) => Array.from({ length: n }, () => r.int(16).toString(16)).join('');
  const constituentIp = () => `10.${r.int(20)}.${r.int(256)}.${1 + r.int(254)}`;
  const outsideIp = () => `${r.pick([185, 45, 91, 203])}.${r.int(256)}.${r.int(256)}.${1 + r.int(254)}`;
  const domain = () => (r.next() < 0.5 ? `c${2 * r.int(assets / 2) + 1}.example.org` : `login-${hex(6)}.example.net`);
  const defang = (s: string) => (r.next() < 0.5 ? s.replace(/\./g, '[.]') : s);
  const kinds = [
    () => ({
      title: `Phishing mails pointing to ${defang(domain())}`,
      body: `We received ${2 + r.int(40)} mails linking to hxxps://${defang(domain())}/owa/auth.php?id=${hex(8)} from ${outsideIp()}.`,
    }),
    () => ({
      title: `Port scan from ${constituentIp()}`,
      body: `Our IDS saw ${constituentIp()} scanning ports 22, 3389 and 445 of ${outsideIp()} for ${1 + r.int(50)} minutes.`,
    }),
    () => ({
      title: 'Malware sample downloaded by a user',
      body: `A user ran an attachment (sha256 ${hex(64)}, md5 ${hex(32)}); it contacts ${defang(domain())} and ${constituentIp()}.`,
    }),
    () => ({
      title: 'Credentials of your users on a paste site',
      body: `About ${10 + r.int(5000)} e-mail addresses @${domain()} with passwords were posted; source ${outsideIp()}.`,
    }),
    () => ({
      title: `Defacement of ${domain()}`,
      body: `The page https://${domain()}/ shows a political message since this morning. Hosting address ${constituentIp()}.`,
    }),
    () => ({
      title: 'IPv6 brute force against SSH',
      body: `2001:db8:${hex(4)}::${hex(4)} tried ${100 + r.int(10_000)} passwords on our servers; see the log extract.`,
    }),
  ];
  return () => {
    const k = r.pick(kinds)();
    const lines = Array.from(
      { length: r.int(30) },
      (_, i) =>
        `Jan ${1 + r.int(28)} 10:${String(i % 60).padStart(2, '0')}:0${r.int(10)} fw${r.int(4)} DROP SRC=${r.next() < 0.5 ? constituentIp() : outsideIp()} DST=192.0.2.${r.int(255)} PROTO=TCP DPT=${r.pick([22, 80, 443, 3389])}`,
    );
    const reporter =
      r.next() < 0.8
        ? {
            name: `Reporter ${r.int(10_000)}`,
            email: `soc${r.int(1000)}@example.net`,
            ...(r.next() < 0.5 ? { organisation: `Org ${r.int(300)}` } : {}),
            ...(r.next() < 0.3 ? { phone: `+33 1 ${r.int(90) + 10} ${r.int(90) + 10} ${r.int(90) + 10} ${r.int(90) + 10}` } : {}),
          }
        : undefined;
    return JSON.stringify({
      title: k.title,
      description: `${k.body}\n${'Details as we observed them. '.repeat(r.int(20))}`,
      ...(lines.length ? { evidence: lines.join('\n') } : {}),
      ...(r.next() < 0.5 ? { occurredAt: new Date(Date.now() - r.int(7 * 86_400_000)).toISOString() } : {}),
      urgent: r.next() < 0.05,
      tlp: r.pick(['CLEAR', 'GREEN', 'AMBER', 'AMBER', 'AMBER', 'RED']),
      ...(reporter ? { reporter } : {}),
    });
  };
}
