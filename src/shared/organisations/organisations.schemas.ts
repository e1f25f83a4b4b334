// API contract of organisations: the constituents the team serves and the third parties it works with,
// their contacts (with OpenPGP keys) and their assets (CIDR ranges, domains, AS numbers, products).
import { z } from 'zod';
import { ConstituentCriticality } from '../incidents/criticality';
import { CursorParam, pageFields } from '../paging';

export const OrganisationKind = z.enum(['constituent', 'vendor', 'cert', 'isp', 'law-enforcement', 'other']);
export type OrganisationKind = z.infer<typeof OrganisationKind>;

/** Services a constituent subscribed to; resolution implies coordination. */
export const ConstituentService = z.enum(['coordination', 'resolution', 'advisories', 'vulnerability-scanning']);
export type ConstituentService = z.infer<typeof ConstituentService>;

export const AssetKind = z.enum(['cidr', 'domain', 'asn', 'product']);
export type AssetKind = z.infer<typeof AssetKind>;

const Name = z.string().trim().min(1, { message: 'Required' }).max(200);
const Text = z.string().trim().max(5000);

export const OrganisationInput = z
  .object({
    name: Name,
    kind: OrganisationKind,
    sector: z.string().trim().max(100).optional(),
    criticality: ConstituentCriticality.optional(),
    services: z.array(ConstituentService).max(10).optional(),
    country: z
      .string()
      .trim()
      .regex(/^[A-Z]{2}$/, { message: 'Two capital letters (ISO 3166-1)' })
      .optional(),
    website: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .optional(),
    notes: Text.optional(),
  })
  .strict();
export type OrganisationInput = z.infer<typeof OrganisationInput>;
export const OrganisationUpdate = OrganisationInput.partial().strict();
export type OrganisationUpdate = z.infer<typeof OrganisationUpdate>;

export const Organisation = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: OrganisationKind,
  sector: z.string().nullable(),
  criticality: ConstituentCriticality.nullable(),
  services: z.array(ConstituentService),
  country: z.string().nullable(),
  website: z.string().nullable(),
  notes: z.string().nullable(),
  assetCount: z.number().int(),
  contactCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Organisation = z.infer<typeof Organisation>;

export const OrganisationQuery = z
  .object({
    kind: OrganisationKind.optional(),
    q: z.string().trim().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: CursorParam,
  })
  .strict();
export type OrganisationQuery = z.infer<typeof OrganisationQuery>;
export const OrganisationList = z.object({ items: z.array(Organisation), ...pageFields });
export type OrganisationList = z.infer<typeof OrganisationList>;

export const ContactInput = z
  .object({
    name: Name,
    role: z.string().trim().max(200).optional(),
    email: z.email().max(254).optional(),
    phones: z
      .array(
        z
          .string()
          .trim()
          .regex(/^\+?[0-9 ().-]{4,30}$/, { message: 'Not a telephone number' }),
      )
      .max(5)
      .optional(),
    /** An armoured OpenPGP public key; its fingerprint and expiry are read from it. */
    pgpKey: z.string().max(100_000).optional(),
  })
  .strict();
export type ContactInput = z.infer<typeof ContactInput>;

export const Contact = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  name: z.string(),
  role: z.string().nullable(),
  email: z.string().nullable(),
  phones: z.array(z.string()),
  pgpFingerprint: z.string().nullable(),
  pgpExpiresAt: z.string().nullable(),
  /** ok, expiring (within 30 days), expired, revoked or none. */
  pgpStatus: z.enum(['none', 'ok', 'expiring', 'expired', 'revoked']),
  createdAt: z.string(),
});
export type Contact = z.infer<typeof Contact>;

export const AssetInput = z
  .object({ kind: AssetKind, value: z.string().trim().min(1).max(300), note: z.string().max(500).optional() })
  .strict();
export type AssetInput = z.infer<typeof AssetInput>;

export const Asset = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  kind: AssetKind,
  value: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type Asset = z.infer<typeof Asset>;

export const OrganisationDetail = Organisation.extend({ contacts: z.array(Contact), assets: z.array(Asset) });
export type OrganisationDetail = z.infer<typeof OrganisationDetail>;

export const CsvImportRequest = z.object({ csv: z.string().max(5_000_000), dryRun: z.boolean().default(false) }).strict();
export const CsvLineError = z.object({ line: z.number().int(), field: z.string().nullable(), message: z.string() });
export const CsvImportResult = z.object({
  dryRun: z.boolean(),
  organisationsCreated: z.number().int(),
  organisationsUpdated: z.number().int(),
  assetsAdded: z.number().int(),
  errors: z.array(CsvLineError),
});
export type CsvImportResult = z.infer<typeof CsvImportResult>;

export const MatchQuery = z.object({ value: z.string().trim().min(1).max(2048) }).strict();
export const MatchResult = z.object({
  value: z.string(),
  type: z.string().nullable(),
  matches: z.array(z.object({ organisationId: z.uuid(), organisationName: z.string(), assetValue: z.string(), kind: AssetKind })),
});
export type MatchResult = z.infer<typeof MatchResult>;
