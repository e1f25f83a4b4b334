// The process logger (pino, JSON lines). Credentials are redacted wherever they might appear.
import { pino, type Logger } from 'pino';
import type { Config } from './config';

export function createLogger(level: Config['logLevel']): Logger {
  return pino({
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.secret',
        '*.token',
        'password',
        'secret',
      ],
      censor: '[redacted]',
    },
  });
}
