// Lint rules for the server's architecture (CONTRIBUTING.md, "The whiteboard"), which the type checker cannot see:
//   folder-cycle     no cycle between src/server folders (type-only imports count: they couple folders too;
//                    a table's foreign key to another feature's table does not: the schema is one graph)
//   infrastructure   db/ http/ jobs/ crypto/ pgp/ storage/ and the kernel files import no feature (policy/ may
//                    read *.table.ts)
//   cross-feature    a feature reaches another only through its *.service.ts (or *.table.ts for foreign keys)
//   entry            only the entry files (app.ts, main.ts, cli*.ts) are imported by nobody but themselves
//   sql              query builders run only in *.repo.ts and db/ (tables declare SQL defaults; policy/ builds
//                    conditions but runs no query); the job queue's SQL lives in jobs/jobs.repo.ts like any repo's
//   import-root      a relative import stays in its own folder; across folders write #server/… or #shared/…
// Usage: node scripts/check-design.mjs [--root DIR] [--graph] [--fix-imports [--all]]
//   --graph        print the folder-level import graph (arrows and cycles) instead of checking
//   --fix-imports  rewrite relative cross-folder imports to #server/… and #shared/… roots (--all: the
//                  allowlisted files too), then check
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Root files that every layer may use: the context, configuration, logging, the instance secret. */
const KERNEL_FILES = ['ctx.ts', 'config.ts', 'logger.ts', 'instance-secret.ts'];
/** Infrastructure folders: they know no feature, so that any feature may use them. */
const INFRASTRUCTURE = ['db', 'http', 'jobs', 'policy', 'crypto', 'pgp', 'storage', 'mail'];

/**
 * Known exceptions, each with the reason it stays: none today. An entry matches a violation of `rule` in `file`
 * importing `target` (or any target when `target` is absent); a folder-cycle entry drops that one import from the
 * folder graph. Prefer moving the code to adding a line here.
 */
export const ALLOWLIST = [];

const TEST_FILE = /\.test\.tsx?$|\.test-helpers\.ts$/;
const IMPORT_RE = /^[ \t]*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
const DYNAMIC_IMPORT_RE = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

export function analyse(root) {
  const repoRoot = path.resolve(root);
  const srcRoot = path.join(repoRoot, 'src');
  const serverRoot = path.join(srcRoot, 'server');
  const files = [];
  (function walk(dir) {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) files.push(p);
    }
  })(serverRoot);

  const rel = (p) => path.relative(repoRoot, p).split(path.sep).join('/');
  const inServer = (p) => rel(p).startsWith('src/server/');
  /** The folder node of a server file: its top folder under src/server, or the file name for root files. */
  const nodeOf = (p) => path.relative(serverRoot, p).split(path.sep)[0];
  const isRootFile = (node) => node.endsWith('.ts');
  const kindOf = (node) =>
    isRootFile(node) ? (KERNEL_FILES.includes(node) ? 'kernel' : 'entry') : INFRASTRUCTURE.includes(node) ? 'infrastructure' : 'feature';

  function resolve(from, spec) {
    let base;
    if (spec.startsWith('#server/')) base = path.join(serverRoot, spec.slice(8));
    else if (spec.startsWith('#shared/')) base = path.join(srcRoot, 'shared', spec.slice(8));
    else if (spec.startsWith('#web/')) base = path.join(srcRoot, 'web', spec.slice(5));
    else if (spec.startsWith('.')) base = path.resolve(path.dirname(from), spec);
    else return null;
    for (const c of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')])
      if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
    return null;
  }

  const imports = []; // { file, spec, target, typeOnly, test }
  const sources = new Map();
  for (const f of files) {
    const src = fs.readFileSync(f, 'utf8');
    sources.set(f, src);
    const test = TEST_FILE.test(f);
    for (const m of src.matchAll(IMPORT_RE)) imports.push({ file: f, spec: m[2], target: resolve(f, m[2]), typeOnly: Boolean(m[1]), test });
    for (const m of src.matchAll(DYNAMIC_IMPORT_RE)) imports.push({ file: f, spec: m[1], target: resolve(f, m[1]), typeOnly: false, test });
  }

  const violations = [];
  const add = (rule, file, target, message) =>
    violations.push({ rule, file: rel(file), target: target ? rel(target) : undefined, message });

  // import-root: tests included, since they are read and copied like any other file.
  for (const i of imports) {
    if (!i.spec.startsWith('.') || !i.target) continue;
    if (path.dirname(i.target) === path.dirname(i.file)) continue;
    const root = inServer(i.target)
      ? `#server/${path.relative(serverRoot, i.target)}`
      : rel(i.target).startsWith('src/shared/')
        ? `#shared/${path.relative(path.join(srcRoot, 'shared'), i.target)}`
        : null;
    if (!root) continue;
    add('import-root', i.file, i.target, `relative import '${i.spec}' leaves its folder: write '${root.replace(/\.tsx?$/, '')}'`);
  }

  // The folder rules look at production code only: tests may set up any feature's state.
  const graphEdges = [];
  for (const i of imports) {
    if (i.test || !i.target || !inServer(i.target)) continue;
    const from = nodeOf(i.file);
    const to = nodeOf(i.target);
    if (from === to) continue;
    const fromKind = kindOf(from);
    const toKind = kindOf(to);
    const targetName = path.basename(i.target);
    const foreignKey = path.basename(i.file).endsWith('.table.ts') && targetName.endsWith('.table.ts');
    graphEdges.push({ from, to, file: rel(i.file), target: rel(i.target), typeOnly: i.typeOnly, foreignKey });
    if (toKind === 'entry' && fromKind !== 'entry')
      add('entry', i.file, i.target, `${from} imports the entry file ${to}: entry files assemble the parts, nothing imports them`);
    if ((fromKind === 'infrastructure' || fromKind === 'kernel') && toKind === 'feature') {
      const policyReadsTable = from === 'policy' && targetName.endsWith('.table.ts');
      if (!policyReadsTable)
        add(
          'infrastructure',
          i.file,
          i.target,
          `infrastructure (${from}) imports the feature ${to}: pass what it needs in from the entry instead`,
        );
    }
    if (fromKind === 'feature' && toKind === 'feature' && !/\.(service|table)\.ts$/.test(targetName)) {
      add(
        'cross-feature',
        i.file,
        i.target,
        `${from} reaches into ${to}/${targetName}: go through ${to}'s *.service.ts (or *.table.ts for a foreign key)`,
      );
    }
  }

  // sql: value imports of drizzle-orm (operators, the sql tag) and query-builder calls outside repos and db/.
  const QUERY_CALL =
    /\b(?:db|tx|trx)\s*\.\s*(select|selectDistinct|selectDistinctOn|insert|update|delete|execute|query\s*\.\s*\w+\s*\.\s*find\w*)\s*\(/g;
  for (const f of files) {
    if (TEST_FILE.test(f)) continue;
    const name = path.basename(f);
    const node = nodeOf(f);
    if (name.endsWith('.repo.ts') || node === 'db') continue;
    const src = sources.get(f);
    const code = src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    if (!name.endsWith('.table.ts') && node !== 'policy') {
      for (const m of code.matchAll(IMPORT_RE)) {
        if (!m[1] && /^drizzle-orm(\/|$)/.test(m[2]) && !/^\s*(?:import|export)\s+\{\s*(?:type\s+\w+\s*,?\s*)+\}/.test(m[0])) {
          add('sql', f, null, `imports query builders from '${m[2]}': SQL belongs in a *.repo.ts`);
        }
      }
    }
    for (const m of code.matchAll(QUERY_CALL))
      add('sql', f, null, `runs a query (${m[0].replace(/\s+/g, '')}…): SQL belongs in a *.repo.ts`);
    if (/\bqueryRows\s*(?:<[^>]*>)?\s*\(/.test(code)) add('sql', f, null, 'runs raw SQL with queryRows: SQL belongs in a *.repo.ts');
  }

  return { files: files.map(rel), violations: dedupe(violations), graphEdges };
}

function dedupe(vs) {
  const seen = new Set();
  return vs.filter((v) => {
    const k = `${v.rule}|${v.file}|${v.target ?? ''}|${v.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Arrows between folders, with how many imports make each and whether all of them are type-only. */
export function folderArrows(edges) {
  const arrows = new Map();
  for (const e of edges) {
    const k = `${e.from} → ${e.to}`;
    const a = arrows.get(k) ?? { from: e.from, to: e.to, count: 0, typeOnly: true, foreignKeysOnly: true, files: new Set() };
    a.count++;
    a.typeOnly &&= e.typeOnly;
    a.foreignKeysOnly &&= e.foreignKey;
    a.files.add(`${e.file} → ${e.target}`);
    arrows.set(k, a);
  }
  return [...arrows.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

/** Every elementary cycle that is the shortest one through some arrow of the graph (bounded, readable). */
export function folderCycles(arrows) {
  const next = new Map();
  arrows = arrows.filter((a) => !a.foreignKeysOnly);
  for (const a of arrows) next.set(a.from, [...(next.get(a.from) ?? []), a.to]);
  const shortestPath = (from, to) => {
    const prev = new Map([[from, null]]);
    const queue = [from];
    while (queue.length) {
      const n = queue.shift();
      if (n === to) break;
      for (const m of next.get(n) ?? []) if (!prev.has(m)) (prev.set(m, n), queue.push(m));
    }
    if (!prev.has(to)) return null;
    const p = [];
    for (let n = to; n !== null; n = prev.get(n)) p.unshift(n);
    return p;
  };
  const cycles = new Map();
  for (const a of arrows) {
    const back = shortestPath(a.to, a.from);
    if (!back) continue;
    const cycle = [a.from, ...back.slice(0, -1)];
    const i = cycle.indexOf([...cycle].sort()[0]);
    const canonical = [...cycle.slice(i), ...cycle.slice(0, i)];
    cycles.set(canonical.join(' → '), canonical);
  }
  return [...cycles.values()].sort((a, b) => a.length - b.length || a.join().localeCompare(b.join()));
}

function allowed(v, allowlist) {
  return allowlist.find(
    (a) => a.rule === v.rule && (a.folder ? v.file.startsWith(a.folder) : a.file === v.file) && (!a.target || a.target === v.target),
  );
}

export function check(repoRoot, allowlist = ALLOWLIST) {
  const { files, violations, graphEdges } = analyse(repoRoot);
  const used = new Set();
  const remaining = [];
  for (const v of violations) {
    const a = allowed(v, allowlist);
    if (a) used.add(a);
    else remaining.push(v);
  }
  const kept = graphEdges.filter((e) => {
    const a = allowed({ rule: 'folder-cycle', file: e.file, target: e.target }, allowlist);
    if (a) used.add(a);
    return !a;
  });
  const arrows = folderArrows(kept);
  for (const c of folderCycles(arrows)) {
    const closed = [...c, c[0]];
    const via = closed.slice(0, -1).map((from, i) => {
      const a = arrows.find((x) => x.from === from && x.to === closed[i + 1]);
      return `  ${from} → ${closed[i + 1]}: ${[...(a?.files ?? [])].slice(0, 3).join(', ')}`;
    });
    remaining.push({ rule: 'folder-cycle', file: c.join(' → '), message: `folder cycle ${closed.join(' → ')}\n${via.join('\n')}` });
  }
  const stale = allowlist.filter((a) => !used.has(a));
  return { files, violations: remaining, stale };
}

/** Rewrites relative cross-folder imports to import roots; returns the files changed. */
export function fixImports(repoRoot, skip = () => false) {
  const changed = [];
  const { violations } = analyse(repoRoot);
  const byFile = new Map();
  for (const v of violations) if (v.rule === 'import-root' && !skip(v.file)) byFile.set(v.file, [...(byFile.get(v.file) ?? []), v]);
  for (const [file, vs] of byFile) {
    const abs = path.join(repoRoot, file);
    let src = fs.readFileSync(abs, 'utf8');
    for (const v of vs) {
      const [, spec, root] = /relative import '([^']+)' leaves its folder: write '([^']+)'/.exec(v.message) ?? [];
      if (!spec) continue;
      src = src.replaceAll(`'${spec}'`, `'${root}'`).replaceAll(`"${spec}"`, `"${root}"`);
    }
    fs.writeFileSync(abs, src);
    changed.push(file);
  }
  return changed;
}

function main(argv) {
  const arg = (name) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const repoRoot = path.resolve(arg('--root') ?? '.');
  if (argv.includes('--graph')) {
    const { graphEdges } = analyse(repoRoot);
    const arrows = folderArrows(graphEdges);
    const lines = [`# Folder-level import graph of src/server (production code; "types" = type-only imports)`, `# ${arrows.length} arrows`];
    for (const a of arrows)
      lines.push(
        `${a.from} → ${a.to}  (${a.count} import${a.count > 1 ? 's' : ''}${a.typeOnly ? ', types' : ''}${a.foreignKeysOnly ? ', foreign keys' : ''})`,
      );
    const cycles = folderCycles(arrows);
    lines.push(
      '',
      `# ${cycles.length} cycles (the shortest cycle through each arrow that lies on one; arrows made of foreign keys only are left out)`,
    );
    for (const c of cycles) lines.push([...c, c[0]].join(' → '));
    const allowlist = arg('--root') ? [] : ALLOWLIST;
    const moved = graphEdges.filter((e) => !allowed({ rule: 'folder-cycle', file: e.file, target: e.target }, allowlist));
    if (moved.length < graphEdges.length) {
      const left = folderCycles(folderArrows(moved));
      lines.push(
        '',
        `# ${left.length} cycles once the ${graphEdges.length - moved.length} allowlisted imports are moved (what lint checks)`,
      );
      for (const c of left) lines.push([...c, c[0]].join(' → '));
    }
    console.log(lines.join('\n'));
    return 0;
  }
  if (argv.includes('--fix-imports')) {
    const skip = (file) => ALLOWLIST.some((a) => a.rule === 'import-root' && (a.folder ? file.startsWith(a.folder) : a.file === file));
    const changed = fixImports(repoRoot, argv.includes('--all') ? () => false : skip);
    console.log(`Rewrote the imports of ${changed.length} files.`);
  }
  // The allowlist names this repository's files: a tree checked with --root (the tests' fixtures) gets none.
  const { files, violations, stale } = check(repoRoot, arg('--root') ? [] : ALLOWLIST);
  for (const s of stale)
    console.warn(
      `warning: allowlist entry no longer needed (remove it): ${s.rule} ${s.file ?? s.folder}${s.target ? ` → ${s.target}` : ''}`,
    );
  if (violations.length) {
    console.error(violations.map((v) => `${v.rule}: ${v.rule === 'folder-cycle' ? v.message : `${v.file}: ${v.message}`}`).join('\n'));
    console.error(`\n${violations.length} design rule violation(s); see CONTRIBUTING.md, "The whiteboard".`);
    return 1;
  }
  console.log(
    `Design rules hold across ${files.length} server files: no folder cycle, features meet through services, SQL in repos, import roots.`,
  );
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = main(process.argv.slice(2));
