// Asset matching on real rows: observables to owning organisations, the index kept current from the database's
// change log (at most one revision check a second; in place, or rebuilt beside the requests), and
// GET /api/organisations/match for the team only. "Another instance" is a write straight to the table, which
// this process's index is not told of.
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { queryRows } from '#server/db/client';
import { testEngine } from '#tests/helpers/global-setup';
import { secondInstance, testApp, type TestApp, type Session } from '#tests/helpers/test-app';
import { createUser } from '#server/users/users.service';
import { assetIndex, classifyValue, invalidateAssetIndex, matchObservables, MAX_IN_PLACE, rankOrganisations } from './asset-matching';
import { deleteAsset, insertAssets, listAssets } from './organisations.repo';

let t: TestApp;
let analyst: Session;
let port: { id: string };
let region: { id: string };
beforeAll(async () => {
  t = await testApp();
  analyst = await t.as('analyst');
  port = await createOrg('Port de la Pointe des Galets');
  region = await createOrg('Région Réunion');
  await addAsset(port.id, 'cidr', '185.22.8.0/24');
  await addAsset(port.id, 'domain', 'port-reunion.example');
  await addAsset(region.id, 'cidr', '185.22.0.0/16');
  await addAsset(region.id, 'domain', 'regionreunion.example');
  await addAsset(region.id, 'asn', 'AS64500');
});
afterAll(() => t.close());

async function createOrg(name: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/organisations',
    headers: analyst.headers,
    payload: { name, kind: 'constituent' },
  });
  expect(res.statusCode).toBe(201);
  return res.json<{ id: string }>();
}

async function addAsset(id: string, kind: string, value: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/organisations/${id}/assets`,
    headers: analyst.headers,
    payload: { kind, value },
  });
  expect(res.statusCode).toBe(201);
}

describe('matchObservables', () => {
  it('gives each observable the owners of its most specific asset, hashes none', async () => {
    const matched = await matchObservables(t.db.db, [
      { type: 'ipv4', value: '185.22.8.10' },
      { type: 'ipv4', value: '185.22.9.10' },
      { type: 'url', value: 'https://www.port-reunion.example/login' },
      { type: 'email', value: 'it@regionreunion.example' },
      { type: 'ipv4', value: '185.23.1.1' },
      { type: 'sha256', value: 'a'.repeat(64) },
    ]);
    expect(matched).toEqual([[port.id], [region.id], [port.id], [region.id], [], []]);
    expect(rankOrganisations(matched)).toEqual([port.id, region.id]);
  });

  it('never matches a private, documentation, loopback or link-local address, even to an organisation declaring it', async () => {
    await addAsset(port.id, 'cidr', '10.0.0.0/8');
    await addAsset(port.id, 'cidr', '192.0.2.0/24');
    await addAsset(port.id, 'cidr', 'fd00::/8');
    const matched = await matchObservables(t.db.db, [
      { type: 'ipv4', value: '10.1.2.3' },
      { type: 'cidr', value: '10.20.0.0/16' },
      { type: 'ipv4', value: '192.0.2.10' },
      { type: 'ipv6', value: 'fd00::1' },
      { type: 'url', value: 'http://10.0.0.5/admin' },
      { type: 'ipv4', value: '185.22.8.10' },
    ]);
    expect(matched).toEqual([[], [], [], [], [], [port.id]]);
    const lookup = await t.app.inject({ url: '/api/organisations/match?value=10.1.2.3', headers: analyst.headers });
    expect(lookup.json()).toEqual({ value: '10.1.2.3', type: 'ipv4', matches: [] });
  });

  it('matches an asset added through this instance at once', async () => {
    await assetIndex(t.db.db);
    await addAsset(port.id, 'domain', 'fresh-port.example');
    expect(await matchObservables(t.db.db, [{ type: 'domain', value: 'a.fresh-port.example' }])).toEqual([[port.id]]);
  });

  it('applies another instance’s changes in place once the revision is checked again (at most once a second)', async () => {
    const now = Date.now();
    const spy = vi.spyOn(Date, 'now').mockReturnValue(now + 10_000);
    try {
      const before = await assetIndex(t.db.db);
      await insertAssets(t.db.db, [{ organisationId: port.id, kind: 'domain', value: 'new-port.example' }]);
      expect(await matchObservables(t.db.db, [{ type: 'domain', value: 'new-port.example' }])).toEqual([[]]);
      expect(await assetIndex(t.db.db)).toBe(before);
      spy.mockReturnValue(now + 11_500);
      // The index is small: the look-up that checks the revision waits for the change to be applied.
      expect(await matchObservables(t.db.db, [{ type: 'domain', value: 'www.new-port.example' }])).toEqual([[port.id]]);
      expect(await assetIndex(t.db.db)).toBe(before); // applied in place, not rebuilt
      // Removed by another instance, then added again and removed again: the last word counts.
      const row = (await listAssets(t.db.db, port.id)).find((a) => a.value === 'new-port.example');
      await deleteAsset(t.db.db, port.id, row?.id ?? '');
      await insertAssets(t.db.db, [{ organisationId: port.id, kind: 'domain', value: 'new-port.example' }]);
      spy.mockReturnValue(now + 13_000);
      expect(await matchObservables(t.db.db, [{ type: 'domain', value: 'new-port.example' }])).toEqual([[port.id]]);
      const again = (await listAssets(t.db.db, port.id)).find((a) => a.value === 'new-port.example');
      await deleteAsset(t.db.db, port.id, again?.id ?? '');
      spy.mockReturnValue(now + 14_100);
      expect(await matchObservables(t.db.db, [{ type: 'domain', value: 'new-port.example' }])).toEqual([[]]);
      expect(await assetIndex(t.db.db)).toBe(before);
    } finally {
      spy.mockRestore();
      invalidateAssetIndex(t.db.db);
    }
  });

  it('reads every asset again when the change log cannot bring the index up to date', async () => {
    const now = Date.now();
    const spy = vi.spyOn(Date, 'now').mockReturnValue(now + 20_000);
    try {
      const before = await assetIndex(t.db.db);
      // Revisions missing from the log (as if this instance had been 10,000 revisions behind).
      await insertAssets(t.db.db, [{ organisationId: port.id, kind: 'domain', value: 'gap-1.example' }]);
      await insertAssets(t.db.db, [{ organisationId: port.id, kind: 'domain', value: 'gap-2.example' }]);
      const [last] = await queryRows<{ revision: number }>(t.db.db, sql`select max(revision)::int as revision from asset_changes`);
      await t.db.db.execute(sql`delete from asset_changes where revision = ${(last?.revision ?? 0) - 1}`);
      spy.mockReturnValue(now + 21_500);
      expect(
        await matchObservables(t.db.db, [
          { type: 'domain', value: 'gap-1.example' },
          { type: 'domain', value: 'gap-2.example' },
        ]),
      ).toEqual([[port.id], [port.id]]);
      const rebuilt = await assetIndex(t.db.db);
      expect(rebuilt).not.toBe(before);
      // A TRUNCATE is a change the log cannot list: everything is read again.
      const kept = await queryRows<{ organisation_id: string; kind: string; value: string }>(
        t.db.db,
        sql`select organisation_id, kind, value from organisation_assets`,
      );
      await t.db.db.execute(sql`truncate organisation_assets`);
      spy.mockReturnValue(now + 23_000);
      expect(await matchObservables(t.db.db, [{ type: 'domain', value: 'gap-1.example' }])).toEqual([[]]);
      expect(await assetIndex(t.db.db)).not.toBe(rebuilt);
      await insertAssets(
        t.db.db,
        kept.map((r) => ({ organisationId: r.organisation_id, kind: r.kind as 'cidr', value: r.value })),
      );
    } finally {
      spy.mockRestore();
      invalidateAssetIndex(t.db.db);
    }
  });

  it('stops matching a removed asset, a deleted organisation and matches a CSV import at once on this instance', async () => {
    const shop = await createOrg('Boutique du Barachois');
    await addAsset(shop.id, 'cidr', '185.30.0.0/16');
    await addAsset(shop.id, 'domain', 'barachois.example');
    expect(
      await matchObservables(t.db.db, [
        { type: 'ipv4', value: '185.30.1.1' },
        { type: 'domain', value: 'www.barachois.example' },
      ]),
    ).toEqual([[shop.id], [shop.id]]);
    const detail = await t.app.inject({ url: `/api/organisations/${shop.id}`, headers: analyst.headers });
    const asset = detail.json<{ assets: { id: string; value: string }[] }>().assets.find((a) => a.value === '185.30.0.0/16');
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/organisations/${shop.id}/assets/${asset?.id ?? ''}`,
      headers: analyst.headers,
    });
    expect(removed.statusCode).toBe(204);
    expect(
      await matchObservables(t.db.db, [
        { type: 'ipv4', value: '185.30.1.1' },
        { type: 'domain', value: 'www.barachois.example' },
      ]),
    ).toEqual([[], [shop.id]]);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/organisations/${shop.id}`, headers: analyst.headers })).statusCode).toBe(204);
    expect(await matchObservables(t.db.db, [{ type: 'domain', value: 'www.barachois.example' }])).toEqual([[]]);

    const csv = [
      'organisation,kind,asset_kind,asset_value',
      'Marché forain,constituent,cidr,185.31.0.0/24',
      'Marché forain,,domain,marche-forain.example',
    ].join('\n');
    const imported = await t.app.inject({ method: 'POST', url: '/api/organisations/import', headers: analyst.headers, payload: { csv } });
    expect(imported.json()).toMatchObject({ assetsAdded: 2, errors: [] });
    const [ip, name] = await matchObservables(t.db.db, [
      { type: 'ipv4', value: '185.31.0.9' },
      { type: 'email', value: 'x@marche-forain.example' },
    ]);
    expect(ip).toHaveLength(1);
    expect(name).toEqual(ip);
  });

  it('keeps answering from the current index while a large one is rebuilt for another instance’s big change', async () => {
    const big = await createOrg('Grand réseau');
    const rows = (n: number, third: number) =>
      Array.from({ length: n }, (_, i) => ({
        organisationId: big.id,
        kind: 'cidr' as const,
        value: `45.${third + (i >> 16)}.${(i >> 8) & 255}.${i & 255}/32`,
      }));
    await insertAssets(t.db.db, rows(21_000, 64));
    invalidateAssetIndex(t.db.db);
    const built = await assetIndex(t.db.db);
    expect(built.size).toBeGreaterThan(21_000);
    const now = Date.now();
    const spy = vi.spyOn(Date, 'now').mockReturnValue(now + 60_000);
    try {
      // A small change: applied in place, the same index answers.
      await insertAssets(t.db.db, [{ organisationId: big.id, kind: 'domain', value: 'grand-reseau.example' }]);
      await vi.waitFor(
        async () => expect(await matchObservables(t.db.db, [{ type: 'domain', value: 'grand-reseau.example' }])).toEqual([[big.id]]),
        {
          timeout: 5_000,
          interval: 20,
        },
      );
      expect(await assetIndex(t.db.db)).toBe(built);
      // A change too big for the log (an import elsewhere): the current index answers while a new one is built.
      await insertAssets(t.db.db, rows(MAX_IN_PLACE + 1, 96));
      spy.mockReturnValue(now + 62_000);
      expect(await assetIndex(t.db.db)).toBe(built);
      expect(await matchObservables(t.db.db, [{ type: 'ipv4', value: '45.96.0.5' }])).toEqual([[]]);
      await vi.waitFor(async () => expect(await assetIndex(t.db.db)).not.toBe(built), { timeout: 20_000, interval: 20 });
      expect(
        await matchObservables(t.db.db, [
          { type: 'domain', value: 'grand-reseau.example' },
          { type: 'ipv4', value: '45.64.1.2' },
          { type: 'ipv4', value: '45.96.0.5' },
        ]),
      ).toEqual([[big.id], [big.id], [big.id]]);
    } finally {
      spy.mockRestore();
    }
    expect((await t.app.inject({ method: 'DELETE', url: `/api/organisations/${big.id}`, headers: analyst.headers })).statusCode).toBe(204);
    expect(await matchObservables(t.db.db, [{ type: 'ipv4', value: '45.64.1.2' }])).toEqual([[]]);
  });

  describe.skipIf(testEngine() === 'pglite')('two instances on one PostgreSQL database', () => {
    it('matches an asset added through the other instance within a second, and forgets one it removed', async () => {
      const other = await secondInstance(t);
      try {
        await assetIndex(t.db.db);
        const org = await createOrg('Aéroport Roland Garros');
        const added = await other.app.inject({
          method: 'POST',
          url: `/api/organisations/${org.id}/assets`,
          headers: analyst.headers,
          payload: { kind: 'cidr', value: '185.40.0.0/16' },
        });
        expect(added.statusCode).toBe(201);
        const t0 = Date.now();
        await vi.waitFor(async () => expect(await matchObservables(t.db.db, [{ type: 'ipv4', value: '185.40.2.3' }])).toEqual([[org.id]]), {
          timeout: 3_000,
          interval: 20,
        });
        expect(Date.now() - t0).toBeLessThan(2_000); // a revision check a second, plus the reading
        const removed = await other.app.inject({
          method: 'DELETE',
          url: `/api/organisations/${org.id}/assets/${added.json<{ id: string }>().id}`,
          headers: analyst.headers,
        });
        expect(removed.statusCode).toBe(204);
        await vi.waitFor(async () => expect(await matchObservables(t.db.db, [{ type: 'ipv4', value: '185.40.2.3' }])).toEqual([[]]), {
          timeout: 3_000,
          interval: 20,
        });
      } finally {
        await other.close();
      }
    });

    it('numbers concurrent asset changes in commit order: a later writer waits for the earlier one', async () => {
      const url = t.db.location.databaseUrl ?? '';
      const [a, b] = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
      await a.connect();
      await b.connect();
      try {
        const revision = async () =>
          Number((await queryRows<{ r: string }>(t.db.db, sql`select coalesce(max(revision), 0) as r from asset_revision`))[0]?.r);
        const before = await revision();
        await a.query('begin');
        await a.query(`insert into organisation_assets (organisation_id, kind, value) values ($1, 'domain', 'first-writer.example')`, [
          port.id,
        ]);
        let bDone = false;
        const bWrite = b
          .query(`insert into organisation_assets (organisation_id, kind, value) values ($1, 'domain', 'second-writer.example')`, [port.id])
          .then(() => {
            bDone = true;
          });
        await new Promise((r) => setTimeout(r, 200));
        expect(bDone).toBe(false); // waiting on the revision row
        expect(await revision()).toBe(before);
        await a.query('commit');
        await bWrite;
        expect(await revision()).toBe(before + 2);
        const rows = await queryRows<{ revision: string; value: string }>(
          t.db.db,
          sql`select revision, value from asset_changes where revision > ${before} order by revision`,
        );
        expect(rows.map((r) => [Number(r.revision), r.value])).toEqual([
          [before + 1, 'first-writer.example'],
          [before + 2, 'second-writer.example'],
        ]);
      } finally {
        await a.end();
        await b.end();
      }
    });
  });

  it('classifies a typed value as an observable, an AS number or nothing', () => {
    expect(classifyValue('hxxps://evil[.]example/x')).toEqual({ type: 'url', value: 'https://evil.example/x' });
    expect(classifyValue('as64500')).toEqual({ type: 'asn', value: 'as64500' });
    expect(classifyValue('192.0.2.77/24')).toEqual({ type: 'cidr', value: '192.0.2.0/24' });
    expect(classifyValue('Exchange Server')).toBeNull();
  });
});

describe('GET /api/organisations/match', () => {
  it('lists every containing asset with the owner’s name, most specific first', async () => {
    const res = await t.app.inject({ url: '/api/organisations/match?value=185.22.8.55', headers: analyst.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      value: '185.22.8.55',
      type: 'ipv4',
      matches: [
        { organisationId: port.id, organisationName: 'Port de la Pointe des Galets', assetValue: '185.22.8.0/24', kind: 'cidr' },
        { organisationId: region.id, organisationName: 'Région Réunion', assetValue: '185.22.0.0/16', kind: 'cidr' },
      ],
    });
    const asn = await t.app.inject({ url: '/api/organisations/match?value=AS64500', headers: analyst.headers });
    expect(asn.json()).toMatchObject({ type: 'asn', matches: [{ organisationId: region.id, assetValue: 'AS64500' }] });
    const v6 = await t.app.inject({ url: '/api/organisations/match?value=2001%3Adb8%3A%3A1', headers: analyst.headers });
    expect(v6.json()).toEqual({ value: '2001:db8::1', type: 'ipv6', matches: [] }); // documentation range: never matched
    const none = await t.app.inject({ url: '/api/organisations/match?value=nothing%20here', headers: analyst.headers });
    expect(none.json()).toEqual({ value: 'nothing here', type: null, matches: [] });
  });

  it('is for the team only: 401 anonymous, 403 viewer and constituent, 400 without a value', async () => {
    expect((await t.app.inject({ url: '/api/organisations/match?value=192.0.2.1' })).statusCode).toBe(401);
    const viewer = await t.as('viewer');
    expect((await t.app.inject({ url: '/api/organisations/match?value=192.0.2.1', headers: viewer.headers })).statusCode).toBe(403);
    await createUser(t.systemCtx(), {
      email: 'c-match@example.org',
      name: 'C',
      role: 'constituent',
      organisationId: port.id,
      password: 'constituent password',
    });
    const constituent = await t.login('c-match@example.org', 'constituent password');
    expect((await t.app.inject({ url: '/api/organisations/match?value=192.0.2.1', headers: constituent.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/organisations/match', headers: analyst.headers })).statusCode).toBe(400);
  });
});
