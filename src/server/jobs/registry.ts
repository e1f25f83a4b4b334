// Every feature's jobs, in one list the worker knows. A new job is added here.
import type { JobDefinition } from './queue';
import { purgeExpiredSessionsJob } from '../sessions/sessions.jobs';
import { purgeFinishedJobsJob } from './jobs.jobs';
import { notifyPublicationJob } from '../team/publish-profile';

export const jobDefinitions = [purgeExpiredSessionsJob, purgeFinishedJobsJob, notifyPublicationJob] as unknown as JobDefinition<never>[];
