// Every table of every feature, gathered for Drizzle's relational API and for drizzle-kit.
import { users } from '../users/users.table';
import { sessions } from '../sessions/sessions.table';
import { apiTokens } from '../tokens/tokens.table';
import { auditEvents, auditHead } from '../audit/audit.table';
import { jobs } from '../jobs/jobs.table';
import { teamKeys, teamProfileVersions, teamPublications } from '../team/team.table';
import { outboxMessages } from '../outbox/outbox.table';

export const schema = { users, sessions, apiTokens, auditEvents, auditHead, jobs, teamProfileVersions, teamKeys, teamPublications, outboxMessages };
export type Schema = typeof schema;
