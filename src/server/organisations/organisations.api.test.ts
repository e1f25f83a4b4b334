import { testApp, type TestApp, type Session } from '#tests/helpers/test-app';
import { createUser } from '#server/users/users.service';

let t: TestApp;
let analyst: Session;
beforeAll(async () => {
  t = await testApp();
  analyst = await t.as('analyst');
});
afterAll(() => t.close());

async function createOrg(name: string, extra: object = {}) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/organisations',
    headers: analyst.headers,
    payload: { name, kind: 'constituent', ...extra },
  });
  expect(res.statusCode).toBe(201);
  return res.json<{ id: string; name: string }>();
}

async function constituentOf(organisationId: string) {
  const email = `c-${organisationId.slice(0, 8)}-${Math.random().toString(36).slice(2, 6)}@example.org`;
  await createUser(t.systemCtx(), { email, name: 'Constituent', role: 'constituent', organisationId, password: 'constituent password' });
  return t.login(email, 'constituent password');
}

describe('organisations', () => {
  it('creates a constituent with defaults, lists and reads it, and audits the change', async () => {
    const org = await createOrg('Hôpital de Saint-Denis', {
      sector: 'health',
      criticality: 'vital',
      services: ['coordination', 'resolution'],
      country: 'FR',
    });
    const list = await t.app.inject({ url: '/api/organisations?q=saint', headers: analyst.headers });
    expect(list.json()).toMatchObject({
      total: 1,
      items: [{ id: org.id, criticality: 'vital', services: ['coordination', 'resolution'], assetCount: 0 }],
    });
    const one = await t.app.inject({ url: `/api/organisations/${org.id}`, headers: analyst.headers });
    expect(one.json()).toMatchObject({ name: 'Hôpital de Saint-Denis', contacts: [], assets: [] });
    const audit = await t.app.inject({
      url: `/api/audit?action=organisation.create&entityId=${org.id}`,
      headers: (await t.as('admin')).headers,
    });
    expect(audit.json<{ items: unknown[] }>().items).toHaveLength(1);
  });

  it('refuses a duplicate name (any case) with 409 and bad fields with 400', async () => {
    await createOrg('Mairie du Port');
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: analyst.headers,
      payload: { name: 'MAIRIE DU PORT', kind: 'constituent' },
    });
    expect(dup.statusCode).toBe(409);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: analyst.headers,
      payload: { name: '', kind: 'friend', criticality: 'extreme', website: 'javascript:alert(1)', country: 'France' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ fields: { path: string }[] }>().fields.map((f) => f.path)).toEqual(
      expect.arrayContaining(['body.name', 'body.kind', 'body.criticality', 'body.website', 'body.country']),
    );
  });

  it('normalises assets and refuses invalid ones naming the field', async () => {
    const org = await createOrg('Région Réunion');
    const add = (kind: string, value: string) =>
      t.app.inject({ method: 'POST', url: `/api/organisations/${org.id}/assets`, headers: analyst.headers, payload: { kind, value } });
    expect((await add('cidr', '192.0.2.77/24')).json()).toMatchObject({ value: '192.0.2.0/24' });
    expect((await add('cidr', '2001:DB8::1')).json()).toMatchObject({ value: '2001:db8::1/128' });
    expect((await add('domain', 'Regionreunion.COM.')).json()).toMatchObject({ value: 'regionreunion.com' });
    expect((await add('asn', 'as 64500')).json()).toMatchObject({ value: 'AS64500' });
    expect((await add('domain', 'regionreunion.com')).statusCode).toBe(409);
    for (const [kind, value] of [
      ['cidr', '999.1.1.1'],
      ['cidr', '10.0.0.0/33'],
      ['domain', 'not a domain'],
      ['asn', 'AS99999999999'],
    ]) {
      const res = await add(kind ?? '', value ?? '');
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ fields: [{ path: 'body.value' }] });
    }
  });

  it('reads a contact’s OpenPGP key and warns of its expiry; refuses a key that is not one', async () => {
    const { generateTeamKey } = await import('#server/pgp/pgp');
    const key = await generateTeamKey({ name: 'SOC', email: 'soc@example.org', passphrase: 'x', expiresInDays: 10 });
    const org = await createOrg('Port Réunion');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/organisations/${org.id}/contacts`,
      headers: analyst.headers,
      payload: { name: 'SOC', role: 'security team', email: 'SOC@example.org', phones: ['+262 262 11 22 33'], pgpKey: key.armoredPublic },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ email: 'soc@example.org', pgpFingerprint: key.fingerprint, pgpStatus: 'expiring' });
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/organisations/${org.id}/contacts`,
      headers: analyst.headers,
      payload: { name: 'X', pgpKey: 'not a key' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ fields: [{ path: 'body.pgpKey' }] });
    const priv = await t.app.inject({
      method: 'POST',
      url: `/api/organisations/${org.id}/contacts`,
      headers: analyst.headers,
      payload: { name: 'X', pgpKey: key.armoredPrivate },
    });
    expect(priv.statusCode).toBe(400);
  });

  it('lets a viewer read but not change, and hides everything of organisation B from a constituent user of A', async () => {
    const a = await createOrg('Org A');
    const b = await createOrg('Org B');
    await t.app.inject({
      method: 'POST',
      url: `/api/organisations/${b.id}/assets`,
      headers: analyst.headers,
      payload: { kind: 'domain', value: 'org-b.example' },
    });
    const viewer = await t.as('viewer');
    expect((await t.app.inject({ url: `/api/organisations/${b.id}`, headers: viewer.headers })).statusCode).toBe(200);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/organisations', headers: viewer.headers, payload: { name: 'X', kind: 'other' } }))
        .statusCode,
    ).toBe(403);

    const userA = await constituentOf(a.id);
    const list = await t.app.inject({ url: '/api/organisations?limit=500', headers: userA.headers });
    expect(list.json<{ items: { id: string }[]; total: number }>().items.map((o) => o.id)).toEqual([a.id]);
    expect(list.json<{ total: number }>().total).toBe(1);
    const other = await t.app.inject({ url: `/api/organisations/${b.id}`, headers: userA.headers });
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain('Org B');
    expect((await t.app.inject({ url: `/api/organisations?q=Org%20B`, headers: userA.headers })).json<{ total: number }>().total).toBe(0);
    expect((await t.app.inject({ url: `/api/organisations/${a.id}`, headers: userA.headers })).statusCode).toBe(200);
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/organisations/${a.id}`,
          headers: userA.headers,
          payload: { criticality: 'vital' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('refuses to delete an organisation that still has users, and deletes an unused one', async () => {
    const used = await createOrg('Used Org');
    await constituentOf(used.id);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/organisations/${used.id}`, headers: analyst.headers })).statusCode).toBe(409);
    const free = await createOrg('Free Org');
    expect((await t.app.inject({ method: 'DELETE', url: `/api/organisations/${free.id}`, headers: analyst.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ url: `/api/organisations/${free.id}`, headers: analyst.headers })).statusCode).toBe(404);
  });
});

describe('POST /api/organisations/import (CSV)', () => {
  const csv = [
    'organisation,kind,sector,criticality,services,country,asset_kind,asset_value',
    'CHU Nord,constituent,health,vital,coordination|resolution,FR,cidr,198.51.100.0/24',
    'CHU Nord,,,,,,domain,chu-nord.example',
    'Opérateur X,isp,,,,RE,asn,AS65001',
  ].join('\n');

  it('reports every bad line and writes nothing when any line is wrong', async () => {
    const bad = `${csv}\nBroken,constituent,,extreme,,,cidr,300.1.1.1/8\n,constituent,,,,,,`;
    const res = await t.app.inject({ method: 'POST', url: '/api/organisations/import', headers: analyst.headers, payload: { csv: bad } });
    expect(res.statusCode).toBe(200);
    const r = res.json<{ errors: { line: number; field: string }[]; organisationsCreated: number }>();
    expect(r.organisationsCreated).toBe(0);
    expect(r.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 5, field: 'criticality' }),
        expect.objectContaining({ line: 5, field: 'asset_value' }),
        expect.objectContaining({ line: 6, field: 'organisation' }),
      ]),
    );
    expect((await t.app.inject({ url: '/api/organisations?q=CHU', headers: analyst.headers })).json<{ total: number }>().total).toBe(0);
  });

  it('previews with dryRun, then imports organisations and assets', async () => {
    const dry = await t.app.inject({
      method: 'POST',
      url: '/api/organisations/import',
      headers: analyst.headers,
      payload: { csv, dryRun: true },
    });
    expect(dry.json()).toMatchObject({ dryRun: true, organisationsCreated: 2, assetsAdded: 3, errors: [] });
    expect((await t.app.inject({ url: '/api/organisations?q=CHU', headers: analyst.headers })).json<{ total: number }>().total).toBe(0);
    const res = await t.app.inject({ method: 'POST', url: '/api/organisations/import', headers: analyst.headers, payload: { csv } });
    expect(res.json()).toMatchObject({ dryRun: false, organisationsCreated: 2, organisationsUpdated: 0, assetsAdded: 3, errors: [] });
    const list = await t.app.inject({ url: '/api/organisations?q=CHU', headers: analyst.headers });
    expect(list.json()).toMatchObject({
      items: [{ name: 'CHU Nord', criticality: 'vital', assetCount: 2, services: ['coordination', 'resolution'] }],
    });
    const again = await t.app.inject({ method: 'POST', url: '/api/organisations/import', headers: analyst.headers, payload: { csv } });
    expect(again.json()).toMatchObject({ organisationsCreated: 0, organisationsUpdated: 2, assetsAdded: 0 });
  });

  it('answers a file without the header line with a clear error', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/organisations/import',
      headers: analyst.headers,
      payload: { csv: 'CHU,constituent\n' },
    });
    expect(res.json()).toMatchObject({ errors: [{ line: 1, field: 'organisation' }] });
  });
});
