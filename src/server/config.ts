// The only reader of process.env: every setting Tocsin takes, parsed and checked once at start.
import { z } from 'zod';
import path from 'node:path';

const Env = z.object({
  TOCSIN_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  TOCSIN_HOST: z.string().default('0.0.0.0'),
  TOCSIN_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  TOCSIN_ADMIN_EMAIL: z.string().email().default('admin@tocsin.local'),
  TOCSIN_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  TOCSIN_PUBLIC_URL: z.string().url().optional(),
  TOCSIN_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TOCSIN_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  TOCSIN_SECURE_COOKIES: z.enum(['auto', 'true', 'false']).default('auto'),
  TOCSIN_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  TOCSIN_JOBS: z.enum(['on', 'off']).default('on'),
  TOCSIN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Public report submissions allowed per address and minute (a burst guard allows about half per 10 s). */
  TOCSIN_PUBLIC_REPORT_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000_000).default(5),
  /** Seconds between two `event-loop delay` log lines (info level); 0 turns them off. */
  TOCSIN_LOOP_STATS_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  /** Whether the busiest lists are served again from memory while unchanged (http/read-cache.ts). */
  TOCSIN_READ_CACHE: z.enum(['on', 'off']).default('on'),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  adminEmail: string;
  adminPassword: string | undefined;
  publicUrl: string | undefined;
  logLevel: z.infer<typeof Env>['TOCSIN_LOG_LEVEL'];
  sessionHours: number;
  secureCookies: 'auto' | 'true' | 'false';
  trustProxy: boolean;
  jobs: boolean;
  /** The instance secret that protects keys at rest; when unset, one is kept in the data folder. */
  secret: string | undefined;
  /** Public report submissions allowed per address and minute (5 unless raised, e.g. behind a trusted gateway or for a benchmark). */
  publicReportRateLimit: number;
  /** Seconds between two log lines reporting the event loop's delay (p50, p99, max); 0 for none. */
  loopStatsSeconds: number;
  /** Lists served again from memory while nothing they read changed (off: every request reads the database). */
  readCache: boolean;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.TOCSIN_PORT,
    host: e.TOCSIN_HOST,
    dataDir: path.resolve(e.TOCSIN_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    adminEmail: e.TOCSIN_ADMIN_EMAIL,
    adminPassword: e.TOCSIN_ADMIN_PASSWORD,
    publicUrl: e.TOCSIN_PUBLIC_URL,
    logLevel: e.TOCSIN_LOG_LEVEL,
    sessionHours: e.TOCSIN_SESSION_HOURS,
    secureCookies: e.TOCSIN_SECURE_COOKIES,
    trustProxy: e.TOCSIN_TRUST_PROXY === 'true',
    jobs: e.TOCSIN_JOBS === 'on',
    secret: e.TOCSIN_SECRET,
    publicReportRateLimit: e.TOCSIN_PUBLIC_REPORT_RATE_LIMIT,
    loopStatsSeconds: e.TOCSIN_LOOP_STATS_SECONDS,
    readCache: e.TOCSIN_READ_CACHE === 'on',
  };
}
