// Every feature's jobs, in one list the worker knows. A new job is added here.
import type { JobDefinition } from './queue';
import { purgeExpiredSessionsJob } from '../sessions/sessions.jobs';
import { purgeFinishedJobsJob } from './jobs.jobs';
import { notifyPublicationJob } from '../team/publish-profile';
import { slaCheckJob } from '../sla/sla.jobs';
import { escalatePageJob, pageDutyForReportJob } from '../duty/duty.jobs';
import { pageDutyForIncidentJob } from '../incidents/incidents.jobs';

export const jobDefinitions = [purgeExpiredSessionsJob, purgeFinishedJobsJob, notifyPublicationJob, slaCheckJob, pageDutyForReportJob, escalatePageJob, pageDutyForIncidentJob] as unknown as JobDefinition<never>[];
