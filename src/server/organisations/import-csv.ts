// CSV import of organisations and their assets, one asset per line; organisations are matched by name.
// Every line is checked first; when any line is wrong nothing is written and each error names its line,
// so a file is imported whole or not at all and can be fixed and sent again.
import type { Ctx } from '#server/ctx';
import { recordAudit } from '#server/audit/audit.service';
import * as repo from './organisations.repo';
import { normaliseAsset } from './assets';
import { invalidateAssetIndex } from './asset-matching';
import { AssetKind, ConstituentService, OrganisationKind, type CsvImportResult } from '#shared/organisations/organisations.schemas';
import { ConstituentCriticality } from '#shared/incidents/criticality';
import type { organisationAssets } from './organisations.table';

export const CSV_COLUMNS = ['organisation', 'kind', 'sector', 'criticality', 'services', 'country', 'asset_kind', 'asset_value'] as const;
const MAX_LINES = 200_000;

interface OrgLine {
  line: number;
  name: string;
  kind?: OrganisationKind;
  sector?: string;
  criticality?: ConstituentCriticality;
  services?: ConstituentService[];
  country?: string;
}

type LineError = CsvImportResult['errors'][number];

export async function importOrganisationsCsv(ctx: Ctx, csv: string, dryRun: boolean): Promise<CsvImportResult> {
  const errors: LineError[] = [];
  let records: string[][];
  // Why loaded here: start-up parses no CSV.
  const { parse } = await import('csv-parse/sync');
  try {
    records = parse(csv.replace(/^\uFEFF/, ''), {
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      delimiter: [',', ';'],
      to: MAX_LINES + 1,
    });
  } catch (err) {
    const e = err as { lines?: number; message?: string };
    return {
      dryRun,
      organisationsCreated: 0,
      organisationsUpdated: 0,
      assetsAdded: 0,
      errors: [{ line: e.lines ?? 1, field: null, message: `Not valid CSV: ${e.message ?? 'parse error'}` }],
    };
  }
  const header = (records[0] ?? []).map((h) => h.toLowerCase().replace(/\s+/g, '_'));
  const col = (name: (typeof CSV_COLUMNS)[number]) => header.indexOf(name);
  if (col('organisation') < 0) {
    return {
      dryRun,
      organisationsCreated: 0,
      organisationsUpdated: 0,
      assetsAdded: 0,
      errors: [
        {
          line: 1,
          field: 'organisation',
          message: `The first line must name the columns; "organisation" is required. Known columns: ${CSV_COLUMNS.join(', ')}`,
        },
      ],
    };
  }
  if (records.length > MAX_LINES + 1) errors.push({ line: MAX_LINES + 2, field: null, message: `At most ${MAX_LINES} lines per file` });

  const orgs = new Map<string, OrgLine>();
  const assets: { name: string; kind: AssetKind; value: string }[] = [];
  records.slice(1, MAX_LINES + 1).forEach((rec, i) => {
    const line = i + 2;
    const get = (name: (typeof CSV_COLUMNS)[number]) => {
      const at = col(name);
      return at >= 0 ? (rec[at] ?? '').trim() : '';
    };
    const fail = (field: string, message: string) => errors.push({ line, field, message });
    const name = get('organisation');
    if (!name) return fail('organisation', 'The organisation name is empty');
    if (name.length > 200) return fail('organisation', 'At most 200 characters');
    const o: OrgLine = orgs.get(name.toLowerCase()) ?? { line, name };
    const kind = get('kind');
    if (kind) {
      const k = OrganisationKind.safeParse(kind.toLowerCase());
      if (k.success) o.kind = k.data;
      else fail('kind', `Unknown kind "${kind}"; use one of ${OrganisationKind.options.join(', ')}`);
    }
    const crit = get('criticality');
    if (crit) {
      const c = ConstituentCriticality.safeParse(crit.toLowerCase());
      if (c.success) o.criticality = c.data;
      else fail('criticality', `Unknown criticality "${crit}"; use one of ${ConstituentCriticality.options.join(', ')}`);
    }
    const services = get('services');
    if (services) {
      const list = services
        .split(/[|/]|\s+/)
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean);
      const bad = list.filter((s) => !ConstituentService.safeParse(s).success);
      if (bad.length) fail('services', `Unknown service(s) ${bad.join(', ')}; use ${ConstituentService.options.join(', ')}`);
      else o.services = list as ConstituentService[];
    }
    const country = get('country');
    if (country) {
      if (/^[A-Za-z]{2}$/.test(country)) o.country = country.toUpperCase();
      else fail('country', `"${country}" is not a two-letter country code`);
    }
    const sector = get('sector');
    if (sector) o.sector = sector.slice(0, 100);
    orgs.set(name.toLowerCase(), o);

    const assetKind = get('asset_kind');
    const assetValue = get('asset_value');
    if (!assetKind && !assetValue) return;
    const k = AssetKind.safeParse(assetKind.toLowerCase());
    if (!k.success) return fail('asset_kind', `Unknown asset kind "${assetKind}"; use one of ${AssetKind.options.join(', ')}`);
    const n = normaliseAsset(k.data, assetValue);
    if (!n.ok) return fail('asset_value', n.message);
    assets.push({ name: name.toLowerCase(), kind: k.data, value: n.value });
  });
  for (const o of orgs.values()) if (!o.kind) o.kind = 'constituent';

  if (errors.length || dryRun) {
    const existing = await Promise.all([...orgs.values()].map((o) => repo.findOrganisationByName(ctx.db, o.name)));
    const created = existing.filter((e) => !e).length;
    return {
      dryRun,
      organisationsCreated: errors.length ? 0 : created,
      organisationsUpdated: errors.length ? 0 : orgs.size - created,
      assetsAdded: errors.length ? 0 : assets.length,
      errors: errors.slice(0, 1000),
    };
  }

  const result = await ctx.db.transaction(async (tx) => {
    let created = 0;
    let updated = 0;
    const ids = new Map<string, string>();
    for (const [key, o] of orgs) {
      const found = await repo.findOrganisationByName(tx, o.name);
      const fields = {
        ...(o.kind ? { kind: o.kind } : {}),
        ...(o.sector ? { sector: o.sector } : {}),
        ...(o.criticality ? { criticality: o.criticality } : {}),
        ...(o.services ? { services: o.services } : {}),
        ...(o.country ? { country: o.country } : {}),
      };
      if (found) {
        await repo.updateOrganisation(tx, found.id, fields);
        ids.set(key, found.id);
        updated++;
      } else {
        const row = await repo.insertOrganisation(tx, {
          name: o.name,
          kind: o.kind ?? 'constituent',
          criticality: o.criticality ?? (o.kind === 'constituent' ? 'medium' : null),
          services: o.services ?? (o.kind === 'constituent' ? ['coordination'] : []),
          sector: o.sector ?? null,
          country: o.country ?? null,
        });
        ids.set(key, row.id);
        created++;
      }
    }
    const rows: (typeof organisationAssets.$inferInsert)[] = assets.flatMap((a) => {
      const organisationId = ids.get(a.name);
      return organisationId ? [{ organisationId, kind: a.kind, value: a.value }] : [];
    });
    const added = await repo.insertAssets(tx, rows);
    await recordAudit(tx, ctx, {
      action: 'organisation.import-csv',
      entity: ['organisation', null],
      summary: { organisationsCreated: created, organisationsUpdated: updated, assetsAdded: added.length, lines: records.length - 1 },
    });
    return { dryRun, organisationsCreated: created, organisationsUpdated: updated, assetsAdded: added.length, errors: [] };
  });
  invalidateAssetIndex(ctx.db);
  return result;
}
