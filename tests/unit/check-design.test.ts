// The design rules checked by `npm run lint` (scripts/check-design.mjs, Prettier): each fails on a planted violation.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../..');
const trees: string[] = [];

/** A small server tree: two features (a below b), a repo, the db client. `extra` adds or replaces files. */
function tree(extra: Record<string, string> = {}): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tocsin-design-'));
  trees.push(root);
  const files: Record<string, string> = {
    'src/server/ctx.ts': "import type { Db } from '#server/db/client';\nexport interface Ctx { db: Db }\n",
    'src/server/db/client.ts':
      "import { sql } from 'drizzle-orm';\nexport type Db = { execute(q: unknown): Promise<unknown> };\nexport const ping = (db: Db) => db.execute(sql`select 1`);\n",
    'src/server/a/a.table.ts': 'export const things = {};\n',
    'src/server/a/a.repo.ts':
      "import { eq } from 'drizzle-orm';\nimport type { Db } from '#server/db/client';\nimport { things } from './a.table';\nexport const listThings = (db: Db) => db.select().from(things).where(eq(1, 1));\n",
    'src/server/a/a.service.ts':
      "import type { Ctx } from '#server/ctx';\nimport * as repo from './a.repo';\nexport const things = (ctx: Ctx) => repo.listThings(ctx.db);\n",
    'src/server/b/b.table.ts': "import { things } from '#server/a/a.table';\nexport const others = { things };\n",
    'src/server/b/b.service.ts':
      "import type { Ctx } from '#server/ctx';\nimport { things } from '#server/a/a.service';\nexport const others = (ctx: Ctx) => things(ctx);\n",
    'src/server/app.ts': "import { others } from '#server/b/b.service';\nexport { others };\n",
    ...extra,
  };
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

async function check(root: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(repo, 'scripts/check-design.mjs'), '--root', root]);
    return { code: 0, output: stdout + stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

afterEach(() => {
  for (const t of trees.splice(0)) fs.rmSync(t, { recursive: true, force: true });
});

// Each case starts node (and Prettier); a loaded machine needs more than the default 5 s.
describe('scripts/check-design.mjs', { timeout: 30_000 }, () => {
  it('passes a tree that follows the rules', async () => {
    const r = await check(tree());
    expect(r.output).toContain('Design rules hold');
    expect(r.code).toBe(0);
  });

  it('fails on a folder cycle, naming the imports that make it', async () => {
    const r = await check(
      tree({ 'src/server/a/a.service.ts': "import { others } from '#server/b/b.service';\nexport const things = () => others;\n" }),
    );
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/folder-cycle: folder cycle a → b → a/);
    expect(r.output).toContain('src/server/a/a.service.ts → src/server/b/b.service.ts');
  });

  it('fails when a type-only import closes a folder cycle', async () => {
    const r = await check(
      tree({ 'src/server/a/a.service.ts': "import type { others } from '#server/b/b.service';\nexport type T = typeof others;\n" }),
    );
    expect(r.code).toBe(1);
    expect(r.output).toContain('folder-cycle');
  });

  it('does not count foreign keys between tables as a cycle', async () => {
    const r = await check(
      tree({ 'src/server/a/a.table.ts': "import { others } from '#server/b/b.table';\nexport const things = { others };\n" }),
    );
    expect(r.output).not.toContain('folder-cycle');
  });

  it("fails when a feature imports another feature's repo", async () => {
    const r = await check(
      tree({ 'src/server/b/b.service.ts': "import { listThings } from '#server/a/a.repo';\nexport const others = listThings;\n" }),
    );
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/cross-feature: src\/server\/b\/b\.service\.ts: b reaches into a\/a\.repo\.ts/);
  });

  it('fails on SQL in a service', async () => {
    const r = await check(
      tree({
        'src/server/a/a.service.ts':
          "import { sql } from 'drizzle-orm';\nimport type { Ctx } from '#server/ctx';\nexport const things = (ctx: Ctx) => ctx.db.execute(sql`select 1`);\n",
      }),
    );
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/sql: src\/server\/a\/a\.service\.ts: imports query builders from 'drizzle-orm'/);
    expect(r.output).toMatch(/sql: src\/server\/a\/a\.service\.ts: runs a query \(db\.execute\(/);
  });

  it('fails on a query builder call outside a repo even without a drizzle import', async () => {
    const r = await check(
      tree({
        'src/server/b/b.routes.ts':
          "import { things } from '#server/a/a.table';\nexport const r = (tx: any) => tx.insert(things).values({});\n",
      }),
    );
    expect(r.code).toBe(1);
    expect(r.output).toContain('sql: src/server/b/b.routes.ts: runs a query (tx.insert(');
  });

  it('fails on a relative import that leaves its folder, and names the import root to write', async () => {
    const r = await check(
      tree({ 'src/server/b/b.service.ts': "import { things } from '../a/a.service';\nexport const others = things;\n" }),
    );
    expect(r.code).toBe(1);
    expect(r.output).toContain(
      "import-root: src/server/b/b.service.ts: relative import '../a/a.service' leaves its folder: write '#server/a/a.service'",
    );
  });

  it('fails when infrastructure imports a feature', async () => {
    const r = await check(
      tree({ 'src/server/db/schema.ts': "import { things } from '#server/a/a.table';\nexport const schema = { things };\n" }),
    );
    expect(r.code).toBe(1);
    expect(r.output).toContain('infrastructure: src/server/db/schema.ts: infrastructure (db) imports the feature a');
  });

  it('--fix-imports rewrites relative cross-folder imports to import roots', async () => {
    const root = tree({ 'src/server/b/b.service.ts': "import { things } from '../a/a.service';\nexport const others = things;\n" });
    await run(process.execPath, [path.join(repo, 'scripts/check-design.mjs'), '--root', root, '--fix-imports']);
    expect(fs.readFileSync(path.join(root, 'src/server/b/b.service.ts'), 'utf8')).toContain("from '#server/a/a.service'");
  });
});

describe('Prettier in npm run lint', { timeout: 30_000 }, () => {
  const prettier = (dir: string) =>
    run(process.execPath, [
      path.join(repo, 'node_modules/prettier/bin/prettier.cjs'),
      '--check',
      '--config',
      path.join(repo, '.prettierrc.json'),
      dir,
    ]).then(
      () => 0,
      (err: { code: number }) => err.code,
    );

  it('is part of the lint script, over the whole repository', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.lint).toContain('prettier --check .');
  });

  it('fails on an unformatted file and passes once it is formatted', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tocsin-prettier-'));
    trees.push(dir);
    fs.writeFileSync(path.join(dir, 'x.ts'), 'export const x = {a:1,\n  b : "two"}\n');
    expect(await prettier(dir)).not.toBe(0);
    fs.writeFileSync(path.join(dir, 'x.ts'), "export const x = { a: 1, b: 'two' };\n");
    expect(await prettier(dir)).toBe(0);
  });
});
