// Every audit action the server writes has a label in English and French: the actions are read from the
// server's sources (`action: 'entity.verb'`, ternaries and `entity.${…}` templates included), so a new
// action without its translation fails here.
import fs from 'node:fs';
import path from 'node:path';
import en from '#web/i18n/en.json';
import fr from '#web/i18n/fr.json';

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [file] : [];
  });
}

const literal = /'([a-z0-9-]+\.[a-z0-9-]+)'/g;
const template = /`([a-z0-9-]+)\.\$\{([^}]*)\}`/g;

/** The audit actions written by the server: every `entity.verb` literal on a line that sets `action:`. */
export function serverAuditActions(root = 'src/server'): string[] {
  const found = new Set<string>();
  for (const file of sources(root)) {
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      const at = line.indexOf('action:');
      if (at < 0) continue;
      const rest = line.slice(at);
      for (const m of rest.matchAll(template)) {
        // `${cond ? 'a' : 'b'}`: the branches, not the operands of the condition
        for (const verb of (m[2] ?? '').matchAll(/[?:]\s*'([a-z0-9-]+)'/g)) found.add(`${m[1]}.${verb[1]}`);
      }
      for (const m of rest.replace(template, '').matchAll(literal)) if (m[1]) found.add(m[1]);
    }
  }
  return [...found].sort();
}

type Tree = { [key: string]: unknown };
/** The label at `audit.actions.<entity>.<verb>` (nested, like every other key), if any. */
const labelOf = (bundle: { audit: Tree }, action: string): unknown =>
  action
    .split('.')
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Tree)[key] : undefined), bundle.audit.actions);

describe('audit action labels', () => {
  const actions = serverAuditActions();

  it('finds the actions the server writes', () => {
    expect(actions).toContain('user.create');
    expect(actions).toContain('team-key.generate'); // from a template literal
    expect(actions).toContain('session.login-failed'); // from a ternary
    expect(actions.length).toBeGreaterThan(40);
  });

  it.each([
    ['en', en],
    ['fr', fr],
  ] as const)('labels every server action in %s', (_, bundle) => {
    expect(actions.filter((action) => typeof labelOf(bundle, action) !== 'string')).toEqual([]);
  });
});
