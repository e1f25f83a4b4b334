// A fresh, migrated database for one test file: a copy of the run's template, on PGlite or PostgreSQL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '#server/db/client';
import { testEngine, withDatabase } from './global-setup';

export interface TestDatabase extends Database {
  /** The data folder (PGlite) or connection URL (PostgreSQL) of this copy, for a second process or connection. */
  location: { dataDir: string; databaseUrl: string | undefined };
  /** Closes and removes the copy. */
  destroy(): Promise<void>;
}

export async function testDb(): Promise<TestDatabase> {
  if (testEngine() === 'postgres') {
    const server = inject('serverUrl');
    const name = `tocsin_t_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`create database ${name} template ${inject('templateDb')}`);
    await admin.end();
    const url = withDatabase(server, name);
    const db = await openDatabase({ databaseUrl: url, dataDir: os.tmpdir(), poolSize: 5 });
    return {
      ...db,
      location: { dataDir: '', databaseUrl: url },
      async destroy() {
        await db.close().catch(() => undefined);
        const c = new pg.Client({ connectionString: server });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tocsin-db-'));
  fs.cpSync(inject('templateDir'), dir, { recursive: true });
  const db = await openDatabase({ dataDir: dir, noLock: true });
  return {
    ...db,
    location: { dataDir: dir, databaseUrl: undefined },
    async destroy() {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Opens the same database again (e.g. after a simulated restart). */
export async function reopen(loc: TestDatabase['location']): Promise<Database> {
  return openDatabase({ databaseUrl: loc.databaseUrl, dataDir: loc.dataDir, noLock: true, poolSize: 5 });
}
