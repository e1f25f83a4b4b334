// Lint rule the type checker cannot see: dependency direction and import cycles (DESIGN.md, "Rules").
// shared imports nothing of server/web and no node:*; web never imports server; no cycles among src/ files.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve('src');
const files = [];
(function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (/\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) files.push(p);
  }
})(root);

const importRe = /^\s*(?:import|export)\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
function resolve(from, spec) {
  let base;
  if (spec.startsWith('#server/')) base = path.join(root, 'server', spec.slice(8));
  else if (spec.startsWith('#shared/')) base = path.join(root, 'shared', spec.slice(8));
  else if (spec.startsWith('#web/')) base = path.join(root, 'web', spec.slice(5));
  else if (spec.startsWith('.')) base = path.resolve(path.dirname(from), spec);
  else return null;
  for (const c of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')])
    if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
  return null;
}

const errors = [];
const graph = new Map();
for (const f of files) {
  const src = fs.readFileSync(f, 'utf8');
  const area = path.relative(root, f).split(path.sep)[0];
  const deps = [];
  for (const m of src.matchAll(importRe)) {
    const spec = m[2];
    const typeOnly = Boolean(m[1]);
    if (area === 'shared' && (spec.startsWith('node:') || spec.startsWith('#server/') || spec.startsWith('#web/')))
      errors.push(`${path.relative('.', f)}: shared code imports ${spec}`);
    if (area === 'web' && (spec.startsWith('#server/') || spec.startsWith('node:')))
      errors.push(`${path.relative('.', f)}: web code imports ${spec}`);
    const target = resolve(f, spec);
    if (target && area === 'shared' && !path.relative(root, target).startsWith('shared'))
      errors.push(`${path.relative('.', f)}: shared code imports ${spec}`);
    if (target && !typeOnly) deps.push(target);
  }
  graph.set(f, deps);
}

// Cycle detection over value imports (type-only imports vanish at run time).
const state = new Map();
const stack = [];
function visit(n) {
  state.set(n, 1);
  stack.push(n);
  for (const d of graph.get(n) ?? []) {
    if (state.get(d) === 1) {
      const cycle = stack
        .slice(stack.indexOf(d))
        .concat(d)
        .map((p) => path.relative('.', p));
      errors.push(`import cycle: ${cycle.join(' → ')}`);
    } else if (!state.get(d)) visit(d);
  }
  stack.pop();
  state.set(n, 2);
}
for (const f of files) if (!state.get(f)) visit(f);

if (errors.length) {
  console.error([...new Set(errors)].join('\n'));
  process.exit(1);
}
console.log(`Dependency rules hold across ${files.length} files; no import cycles.`);
