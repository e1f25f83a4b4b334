// HTTP routes of organisations: constituents and third parties, contacts, assets, CSV import, asset matching.
import { sendCachedJson } from '#server/http/read-cache';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as orgs from './organisations.service';
import { importOrganisationsCsv } from './import-csv';
import { IdParams } from '#shared/users/users.schemas';
import {
  Asset,
  AssetInput,
  Contact,
  ContactInput,
  CsvImportRequest,
  CsvImportResult,
  Organisation,
  OrganisationDetail,
  OrganisationInput,
  OrganisationList,
  OrganisationQuery,
  OrganisationUpdate,
} from '#shared/organisations/organisations.schemas';

const tags = ['organisations'];
const ChildParams = z.object({ id: z.uuid(), childId: z.uuid() }).strict();

export const organisationsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/organisations',
    {
      schema: {
        tags,
        summary: 'Organisations visible to the caller (a constituent user sees its own only), by name',
        description:
          'Paged by cursor: pass `nextCursor` of a page as `cursor` for the next one (null on the last page). ' +
          '`total` is exact up to 1,000 matching organisations; beyond, it is 1,000 with `totalCapped: true`. ' +
          'A cursor this list did not give answers 400 naming `querystring.cursor`.',
        querystring: OrganisationQuery,
        response: { 200: OrganisationList },
      },
      config: { access: 'organisations:read' },
    },
    (req, reply) => sendCachedJson(req, reply, { tables: orgs.ORGANISATION_LIST_TABLES }, () => orgs.listOrganisations(req.ctx, req.query)),
  );

  app.post(
    '/api/organisations',
    {
      schema: { tags, summary: 'Create an organisation', body: OrganisationInput, response: { 201: Organisation } },
      config: { access: 'organisations:manage' },
    },
    async (req, reply) => reply.code(201).send(await orgs.createOrganisation(req.ctx, req.body)),
  );

  app.get(
    '/api/organisations/:id',
    {
      schema: { tags, summary: 'One organisation with its contacts and assets', params: IdParams, response: { 200: OrganisationDetail } },
      config: { access: 'organisations:read' },
    },
    (req) => orgs.getOrganisation(req.ctx, req.params.id),
  );

  app.patch(
    '/api/organisations/:id',
    {
      schema: { tags, summary: 'Change an organisation', params: IdParams, body: OrganisationUpdate, response: { 200: Organisation } },
      config: { access: 'organisations:manage' },
    },
    (req) => orgs.updateOrganisation(req.ctx, req.params.id, req.body),
  );

  app.delete(
    '/api/organisations/:id',
    {
      schema: {
        tags,
        summary: 'Delete an organisation (refused while users or records refer to it)',
        params: IdParams,
        response: { 204: z.null() },
      },
      config: { access: 'organisations:manage' },
    },
    async (req, reply) => {
      await orgs.deleteOrganisation(req.ctx, req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/organisations/:id/contacts',
    {
      schema: {
        tags,
        summary: 'Add a contact (with an optional OpenPGP public key)',
        params: IdParams,
        body: ContactInput,
        response: { 201: Contact },
      },
      config: { access: 'organisations:manage' },
    },
    async (req, reply) => reply.code(201).send(await orgs.addContact(req.ctx, req.params.id, req.body)),
  );

  app.delete(
    '/api/organisations/:id/contacts/:childId',
    {
      schema: { tags, summary: 'Remove a contact', params: ChildParams, response: { 204: z.null() } },
      config: { access: 'organisations:manage' },
    },
    async (req, reply) => {
      await orgs.removeContact(req.ctx, req.params.id, req.params.childId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/organisations/:id/assets',
    {
      schema: {
        tags,
        summary: 'Add an asset: a CIDR range or address, a domain (covers its subdomains), an AS number or a product',
        params: IdParams,
        body: AssetInput,
        response: { 201: Asset },
      },
      config: { access: 'organisations:manage' },
    },
    async (req, reply) => reply.code(201).send(await orgs.addAsset(req.ctx, req.params.id, req.body)),
  );

  app.delete(
    '/api/organisations/:id/assets/:childId',
    {
      schema: { tags, summary: 'Remove an asset', params: ChildParams, response: { 204: z.null() } },
      config: { access: 'organisations:manage' },
    },
    async (req, reply) => {
      await orgs.removeAsset(req.ctx, req.params.id, req.params.childId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/organisations/import',
    {
      schema: {
        tags,
        summary: 'Import organisations and assets from CSV (all lines or none; errors per line)',
        body: CsvImportRequest,
        response: { 200: CsvImportResult },
      },
      config: { access: 'organisations:manage' },
      bodyLimit: 12 * 1024 * 1024,
    },
    (req) => importOrganisationsCsv(req.ctx, req.body.csv, req.body.dryRun),
  );
};
