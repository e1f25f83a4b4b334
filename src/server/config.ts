// The only reader of process.env: every setting Tocsin takes, parsed and checked once at start.
import { z } from 'zod';
import path from 'node:path';

const Env = z
  .object({
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
    /** The built-in SMTP listener: off unless a port is given (with the recipient addresses it takes mail for). */
    TOCSIN_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    TOCSIN_SMTP_HOST: z.string().default('0.0.0.0'),
    TOCSIN_SMTP_RECIPIENTS: z
      .string()
      .optional()
      .transform((v) =>
        (v ?? '')
          .split(',')
          .map((s) => s.trim().toLowerCase())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().email('must list e-mail addresses, separated by commas'))),
    TOCSIN_SMTP_MAX_MB: z.coerce.number().int().min(1).max(50).default(25),
    TOCSIN_SMTP_TLS_KEY: z.string().optional(),
    TOCSIN_SMTP_TLS_CERT: z.string().optional(),
  })
  .superRefine((e, ctx) => {
    if (e.TOCSIN_SMTP_PORT !== undefined && e.TOCSIN_SMTP_RECIPIENTS.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['TOCSIN_SMTP_RECIPIENTS'],
        message: 'list the addresses the SMTP listener takes mail for (e.g. csirt@example.org)',
      });
    if (Boolean(e.TOCSIN_SMTP_TLS_KEY) !== Boolean(e.TOCSIN_SMTP_TLS_CERT))
      ctx.addIssue({
        code: 'custom',
        path: ['TOCSIN_SMTP_TLS_CERT'],
        message: 'STARTTLS needs both TOCSIN_SMTP_TLS_KEY and TOCSIN_SMTP_TLS_CERT',
      });
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
  /** The built-in SMTP listener, null when off. */
  smtp: { port: number; host: string; recipients: string[]; maxBytes: number; tls: { keyFile: string; certFile: string } | null } | null;
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
    smtp:
      e.TOCSIN_SMTP_PORT === undefined
        ? null
        : {
            port: e.TOCSIN_SMTP_PORT,
            host: e.TOCSIN_SMTP_HOST,
            recipients: e.TOCSIN_SMTP_RECIPIENTS,
            maxBytes: e.TOCSIN_SMTP_MAX_MB * 1024 * 1024,
            tls:
              e.TOCSIN_SMTP_TLS_KEY && e.TOCSIN_SMTP_TLS_CERT ? { keyFile: e.TOCSIN_SMTP_TLS_KEY, certFile: e.TOCSIN_SMTP_TLS_CERT } : null,
          },
  };
}
