// Guards the translation bundles: English and French have exactly the same keys and placeholders,
// no empty text, and a message for every problem slug, every field error code, every role, every RFC 2350 finding code, every
// RSIT class and type, every TLP label and every observable type.
import { fieldCodes, problems } from '#shared/problems';
import { findingCodes } from '#shared/rfc2350/findings';
import { roles } from '#shared/permissions';
import { OBSERVABLE_TYPES } from '#shared/observables/observables';
import { rsitClasses } from '#shared/taxonomies/rsit';
import { TLP_LABELS } from '#shared/taxonomies/tlp';
import en from './en.json';
import fr from './fr.json';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

// Plural forms (`key_one`, `key_other`…) follow each language's CLDR categories: French also has `_many`.
const pluralSuffix = /_(zero|one|two|few|many|other)$/;
const withoutPlural = (tree: Map<string, string>) => new Map([...tree].map(([key, text]) => [key.replace(pluralSuffix, ''), text]));

const enAll = leaves(en);
const frAll = leaves(fr);
const enLeaves = withoutPlural(enAll);
const frLeaves = withoutPlural(frAll);

describe('i18n bundles', () => {
  it('has every English key in French', () => {
    const missing = [...enLeaves.keys()].filter((key) => !frLeaves.has(key));
    expect(missing).toEqual([]);
  });

  it('has every French key in English', () => {
    const missing = [...frLeaves.keys()].filter((key) => !enLeaves.has(key));
    expect(missing).toEqual([]);
  });

  it('uses the same placeholders in both languages', () => {
    const differing = [...enLeaves].filter(([key, text]) => {
      const other = frLeaves.get(key);
      return other !== undefined && placeholders(text).join() !== placeholders(other).join();
    });
    expect(differing.map(([key]) => key)).toEqual([]);
  });

  it('gives every plural message each form of its language (CLDR plural rules)', () => {
    const missing = (
      [
        ['en', enAll],
        ['fr', frAll],
      ] as const
    ).flatMap(([lng, all]) => {
      const categories = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
      const bases = new Set([...all.keys()].filter((key) => pluralSuffix.test(key)).map((key) => key.replace(pluralSuffix, '')));
      return [...bases].flatMap((base) => categories.filter((c) => !all.has(`${base}_${c}`)).map((c) => `${lng}: ${base}_${c}`));
    });
    expect(missing).toEqual([]);
  });

  it('has no empty text', () => {
    const empty = [...enAll, ...frAll].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('translates every problem slug and every role', () => {
    const needed = [...Object.keys(problems).map((slug) => `problems.${slug}`), ...roles.map((role) => `roles.${role}`)];
    expect(needed.filter((key) => !enLeaves.has(key))).toEqual([]);
  });

  it('translates every field error code, those of the rules services check included', () => {
    const needed = fieldCodes.map((code) => `validation.code.${code}`);
    expect(needed.filter((key) => !enLeaves.has(key))).toEqual([]);
  });

  it('translates every RFC 2350 finding code', () => {
    const needed = findingCodes.map((code) => `team.findings.${code}`);
    expect(needed.filter((key) => !enLeaves.has(key))).toEqual([]);
  });

  it('names every RSIT class and type, TLP label and observable type', () => {
    const needed = [
      ...rsitClasses.flatMap((c) => [`rsit.classes.${c.id}`, ...c.types.map((type) => `rsit.types.${type.id}`)]),
      ...TLP_LABELS.map((label) => `markings.tlp.${label}`),
      ...OBSERVABLE_TYPES.map((type) => `observables.type.${type}`),
    ];
    expect(needed.filter((key) => !enLeaves.has(key))).toEqual([]);
  });
});
