// Every table of every feature, gathered for Drizzle's relational API and for drizzle-kit.
import { users } from '../users/users.table';
import { sessions } from '../sessions/sessions.table';
import { apiTokens } from '../tokens/tokens.table';
import { auditEvents, auditHead } from '../audit/audit.table';
import { jobs } from '../jobs/jobs.table';
import { teamKeys, teamProfileVersions, teamPublications } from '../team/team.table';
import { outboxMessages } from '../outbox/outbox.table';
import { assetRevision, organisationAssets, organisationContacts, organisations } from '../organisations/organisations.table';

import { attachments, referenceCounters, reportObservables, reports } from '../reports/reports.table';
import { incidentScores, incidents } from '../incidents/incidents.table';
import { slaClocks } from '../sla/sla.table';
import { dutyRotaExceptions, dutyRotaSlots, dutyRotas, dutyShifts } from '../duty/duty.table';
import { notifications } from '../notifications/notifications.table';

export const schema = { users, sessions, apiTokens, auditEvents, auditHead, jobs, teamProfileVersions, teamKeys, teamPublications, outboxMessages, organisations, organisationContacts, organisationAssets, assetRevision, reports, reportObservables, attachments, referenceCounters, incidents, incidentScores, slaClocks, dutyShifts, dutyRotas, dutyRotaSlots, dutyRotaExceptions, notifications };
export type Schema = typeof schema;
