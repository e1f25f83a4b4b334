// HTTP routes of the team profile (API): versions, diff, import/check, keys, publication.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import * as team from './team.service';
import { generateKey, importKey, listTeamKeys, retireKey } from './team-keys';
import { publishProfile } from './publish-profile';
import { getProfileState } from './team.service';
import { IdParams } from '#shared/users/users.schemas';
import {
  PublicTeam,
  DiffQuery,
  ImportRequest,
  ImportResult,
  KeyGenerate,
  KeyGenerated,
  KeyImport,
  ProfileDiff,
  ProfileSave,
  ProfileState,
  ProfileVersion,
  PublicationSummary,
  PublishRequest,
  TeamKeyInfo,
  TeamKeyList,
  VersionList,
  VersionParams,
  RFC2350_IMPORT_MAX_BYTES,
} from '#shared/team/team.schemas';

export interface TeamRouteOptions {
  teamKeyPassphrase: string;
  /** TOCSIN_PUBLIC_URL, or undefined to use the address the request came to. */
  publicUrl: string | undefined;
}

const tags = ['team'];

export function publicBase(req: FastifyRequest, configured: string | undefined): string {
  return (configured ?? `${req.protocol}://${req.host}`).replace(/\/+$/, '');
}

export const teamRoutes: FastifyPluginAsyncZod<TeamRouteOptions> = async (app, opts) => {
  app.get(
    '/api/public/team',
    {
      schema: { tags, summary: 'What the published RFC 2350 document says of the team (no login)', response: { 200: PublicTeam } },
      config: { access: 'public' },
    },
    (req) => team.getPublicTeam(req.ctx),
  );

  app.get(
    '/api/team/profile',
    {
      schema: {
        tags,
        summary: 'The current team profile, what publication still lacks, and the last publication',
        response: { 200: ProfileState },
      },
      config: { access: 'team:read' },
    },
    (req) => getProfileState(req.ctx),
  );

  app.put(
    '/api/team/profile',
    {
      schema: {
        tags,
        summary: 'Save the profile as a new version (409 if another version was saved since baseVersion)',
        body: ProfileSave,
        response: { 200: ProfileState },
      },
      config: { access: 'team:edit' },
    },
    (req) => team.saveProfile(req.ctx, req.body),
  );

  app.get(
    '/api/team/profile/versions',
    {
      schema: { tags, summary: 'Every saved version, newest first', response: { 200: VersionList } },
      config: { access: 'team:read' },
    },
    (req) => team.listVersions(req.ctx),
  );

  app.get(
    '/api/team/profile/versions/:version',
    {
      schema: { tags, summary: 'One saved version', params: VersionParams, response: { 200: ProfileVersion } },
      config: { access: 'team:read' },
    },
    (req) => team.getVersion(req.ctx, req.params.version),
  );

  app.get(
    '/api/team/profile/diff',
    {
      schema: {
        tags,
        summary: 'Differences between two versions: changed fields and a unified diff of the rendered text',
        querystring: DiffQuery,
        response: { 200: ProfileDiff },
      },
      config: { access: 'team:read' },
    },
    (req) => team.diffVersions(req.ctx, req.query.from, req.query.to, publicBase(req, opts.publicUrl)),
  );

  app.post(
    '/api/team/profile/import',
    {
      schema: {
        tags,
        summary: 'Read an existing RFC 2350 document (text or Markdown) into a profile draft with findings; nothing is saved',
        body: ImportRequest,
        response: { 200: ImportResult },
      },
      config: { access: 'team:edit' },
      bodyLimit: RFC2350_IMPORT_MAX_BYTES * 2,
    },
    (req) => team.importDocument(req.ctx, req.body.text),
  );

  app.post(
    '/api/team/publish',
    {
      schema: {
        tags,
        summary: 'Render, sign and publish the latest profile version and security.txt',
        body: PublishRequest,
        response: { 201: PublicationSummary },
      },
      config: { access: 'team:publish' },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await publishProfile(req.ctx, req.body, { passphrase: opts.teamKeyPassphrase, publicUrl: publicBase(req, opts.publicUrl) })),
  );

  app.get(
    '/api/team/keys',
    {
      schema: { tags, summary: 'The team keys (public parts), the active one first', response: { 200: TeamKeyList } },
      config: { access: 'team:read' },
    },
    (req) => listTeamKeys(req.ctx),
  );

  app.post(
    '/api/team/keys/generate',
    {
      schema: {
        tags,
        summary: 'Generate a new team key (OpenPGP v4 Ed25519/Curve25519, GnuPG-compatible); it becomes the active key',
        body: KeyGenerate,
        response: { 201: KeyGenerated },
      },
      config: { access: 'team:keys' },
    },
    async (req, reply) => {
      const state = await getProfileState(req.ctx);
      const generated = await generateKey(req.ctx, req.body, opts.teamKeyPassphrase, {
        name: state.profile.contact?.fullName ?? state.profile.contact?.shortName,
        email: state.profile.contact?.email,
      });
      return reply.code(201).send(generated);
    },
  );

  app.post(
    '/api/team/keys/import',
    {
      schema: {
        tags,
        summary: 'Import an existing private key (armoured); it becomes the active key',
        body: KeyImport,
        response: { 201: TeamKeyInfo },
      },
      config: { access: 'team:keys' },
    },
    async (req, reply) => reply.code(201).send(await importKey(req.ctx, req.body, opts.teamKeyPassphrase)),
  );

  app.post(
    '/api/team/keys/:id/retire',
    {
      schema: {
        tags,
        summary: 'Retire the active key (publication then needs a new one)',
        params: IdParams,
        response: { 200: TeamKeyInfo },
      },
      config: { access: 'team:keys' },
    },
    (req) => retireKey(req.ctx, req.params.id),
  );
};
