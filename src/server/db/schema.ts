// Every table of every feature, gathered for Drizzle's relational API and for drizzle-kit.
import { users } from '../users/users.table';
import { sessions } from '../sessions/sessions.table';
import { apiTokens } from '../tokens/tokens.table';
import { auditEvents, auditHead } from '../audit/audit.table';
import { jobs } from '../jobs/jobs.table';
import { teamKeys, teamProfileVersions, teamPublications } from '../team/team.table';
import { outboxMessages } from '../outbox/outbox.table';
import { assetRevision, organisationAssets, organisationContacts, organisations } from '../organisations/organisations.table';

export const schema = { users, sessions, apiTokens, auditEvents, auditHead, jobs, teamProfileVersions, teamKeys, teamPublications, outboxMessages, organisations, organisationContacts, organisationAssets, assetRevision };
export type Schema = typeof schema;
