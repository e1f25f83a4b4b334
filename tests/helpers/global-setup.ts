// Runs once per test run: migrates one template database, which every test file then copies.
// PGlite: a migrated data folder copied per file (~0.3 s instead of ~4 s of initdb).
// PostgreSQL (TOCSIN_TEST_ENGINE=postgres with TEST_DATABASE_URL): a template database cloned per file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '#server/db/client';
import { runMigrations } from '#server/db/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDir: string;
    templateDb: string;
    serverUrl: string;
  }
}

export function testEngine(): 'pglite' | 'postgres' {
  return process.env.TOCSIN_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tocsin-test-'));
  if (testEngine() === 'postgres') {
    const server = process.env.TEST_DATABASE_URL;
    if (!server) throw new Error('TOCSIN_TEST_ENGINE=postgres needs TEST_DATABASE_URL');
    const name = `tocsin_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    const db = await openDatabase({ databaseUrl: withDatabase(server, name), dataDir: tmp, poolSize: 2 });
    await runMigrations(db);
    await db.close();
    project.provide('templateDb', name);
    project.provide('templateDir', '');
    project.provide('serverUrl', server);
    return async () => {
      await admin.query(`drop database if exists ${name}`);
      await admin.end();
      fs.rmSync(tmp, { recursive: true, force: true });
    };
  }
  const templateDir = path.join(tmp, 'template');
  const db = await openDatabase({ dataDir: templateDir, noLock: true });
  await runMigrations(db);
  await db.close();
  project.provide('templateDir', templateDir);
  project.provide('templateDb', '');
  project.provide('serverUrl', '');
  return () => fs.rmSync(tmp, { recursive: true, force: true });
}
