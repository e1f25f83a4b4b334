// `npm run bench [-- <names>] [-- --json]`: runs every bench/*.bench.ts (or those whose file name contains one of
// <names>) one after the other, each in its own process, then prints one table of every figure they reported
// through figure() (bench/lib.ts): the median of the runs beside the median of the same-run baseline, the
// ratio, the goal and whether it is met. With --json the table is printed as JSON on stdout (the benches'
// progress goes to stderr). The exit status is 1 when a bench failed, not when a goal is missed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dir = path.dirname(new URL(import.meta.url).pathname);
const args = process.argv.slice(2);
const json = args.includes('--json');
const wanted = args.filter((a) => !a.startsWith('--'));
const benches = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!wanted.length || wanted.some((w) => f.includes(w))))
  .sort();
if (!benches.length) {
  console.error(
    `No bench matches ${wanted.join(', ')}; there are: ${fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.bench.ts'))
      .join(', ')}`,
  );
  process.exit(2);
}

const figuresFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tocsin-figures-')), 'figures.jsonl');
fs.writeFileSync(figuresFile, '');
const log = (s) => (json ? process.stderr : process.stdout).write(s);
const failed = [];
const started = Date.now();
for (const b of benches) {
  log(`\n## ${b}\n`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, b)], {
    stdio: ['ignore', json ? 2 : 'inherit', 'inherit'],
    env: { ...process.env, TOCSIN_BENCH_FIGURES: figuresFile },
  });
  log(`(${b}: ${((Date.now() - t0) / 1000).toFixed(0)} s${r.status === 0 ? '' : `, FAILED with status ${r.status ?? r.signal}`})\n`);
  if (r.status !== 0) failed.push(b);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? null : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// One row per (bench, name, engine), in the order they were first reported.
const rows = new Map();
for (const text of fs.readFileSync(figuresFile, 'utf8').split('\n')) {
  if (!text.trim()) continue;
  const f = JSON.parse(text);
  const key = `${f.bench}\u0000${f.name}\u0000${f.engine}`;
  const row = rows.get(key) ?? {
    bench: f.bench,
    name: f.name,
    engine: f.engine,
    unit: f.unit,
    values: [],
    baseline: null,
    goal: f.goal ?? null,
    extra: {},
  };
  row.values.push(f.value);
  if (f.baseline) {
    row.baseline ??= { name: f.baseline.name, unit: f.baseline.unit ?? f.unit, values: [] };
    row.baseline.values.push(f.baseline.value);
  }
  for (const [k, v] of Object.entries(f.extra ?? {})) (row.extra[k] ??= []).push(v);
  rows.set(key, row);
}
fs.rmSync(path.dirname(figuresFile), { recursive: true, force: true });

const compare = { '>=': (a, b) => a >= b, '<=': (a, b) => a <= b, '<': (a, b) => a < b, '>': (a, b) => a > b };
const table = [...rows.values()].map((r) => {
  const value = median(r.values);
  const baseline = r.baseline
    ? { name: r.baseline.name, unit: r.baseline.unit, value: median(r.baseline.values), values: r.baseline.values }
    : null;
  const ratio = baseline && baseline.value ? value / baseline.value : null;
  const subject = r.goal ? (r.goal.of === 'ratio' ? ratio : value) : null;
  const met = r.goal && subject !== null ? compare[r.goal.op](subject, r.goal.value) : null;
  // How far from the goal, as a factor (1 when met): 0.004 against ≥ 0.3 is 75× short.
  const off =
    r.goal && r.goal.value !== 0 && subject !== null && !met
      ? r.goal.op.startsWith('>')
        ? r.goal.value / subject
        : subject / r.goal.value
      : null;
  const extra = Object.fromEntries(Object.entries(r.extra).map(([k, v]) => [k, median(v)]));
  return {
    bench: r.bench,
    name: r.name,
    engine: r.engine,
    unit: r.unit,
    value,
    runs: r.values.length,
    values: r.values,
    baseline,
    ratio,
    goal: r.goal,
    met,
    off,
    extra,
  };
});

const num = (n) => {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  if (!Number.isFinite(n)) return '∞';
  const a = Math.abs(n);
  if (a >= 100 || n === 0) return Math.round(n).toLocaleString('en');
  return Number(n.toPrecision(a >= 1 ? 3 : 2)).toString();
};
const goalText = (g, unit) =>
  g
    ? `${g.of === 'ratio' ? 'ratio ' : ''}${g.op.replace('>=', '≥').replace('<=', '≤')} ${num(g.value)}${g.of === 'ratio' ? '×' : ` ${unit}`}`
    : '—';

if (json) {
  process.stdout.write(`${JSON.stringify({ seconds: Number(process.env.BENCH_SECONDS ?? 3), failed, figures: table }, null, 2)}\n`);
} else {
  const cells = table.map((r) => [
    r.name,
    r.engine,
    `${num(r.value)} ${r.unit}${r.runs > 1 ? ` (n=${r.runs})` : ''}`,
    r.baseline ? `${r.baseline.name}: ${num(r.baseline.value)} ${r.baseline.unit}` : '—',
    r.ratio === null ? '—' : `${num(r.ratio)}×`,
    goalText(r.goal, r.unit),
    r.met === null ? '—' : r.met ? 'met' : r.off === null ? 'NO' : `NO (${num(r.off)}× off)`,
    Object.entries(r.extra)
      .map(([k, v]) => `${k} ${num(v)}`)
      .join(', '),
  ]);
  const head = ['figure', 'engine', 'Tocsin (median)', 'same-run baseline (median)', 'ratio', 'goal', 'goal met', 'details (medians)'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => `| ${c.map((x, i) => x.padEnd(widths[i])).join(' | ')} |`;
  console.log(
    `\n# Figures (BENCH_SECONDS=${process.env.BENCH_SECONDS ?? 3}, medians of ${process.env.BENCH_RUNS ?? 3} runs, ${((Date.now() - started) / 60000).toFixed(1)} min)\n`,
  );
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const c of cells) console.log(line(c));
  if (failed.length) console.log(`\nFAILED: ${failed.join(', ')} (their figures above are partial or missing)`);
}
process.exit(failed.length ? 1 : 0);
