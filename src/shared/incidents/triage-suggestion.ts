// What triage proposes for a new incident before the analyst assesses it: a category from the words of the
// report (English and French), the impact from its urgency, the extent from how many systems it names, the
// urgency itself (its own input to the score, see criticality.md), and why each was proposed.
// Server and web use the same function, so the form shows exactly what a bare "create incident" records.
import type { IncidentExtent, IncidentImpact } from './criticality';

export interface TriageSuggestion {
  categoryClass: string;
  categoryType: string;
  impact: IncidentImpact;
  extent: IncidentExtent;
  /** The report's urgency: an input to the score in its own right. */
  urgent: boolean;
  /** Why: the word that chose the category (null: none matched), and how many systems gave the extent (owned: of the constituency). */
  because: { categoryWord: string | null; systems: number; owned: boolean };
}

/** Whole words in any script: `\b` would not see the end of "défiguré". */
const words = (alternatives: string) => new RegExp(`(?<![\\p{L}\\d])(?:${alternatives})(?![\\p{L}\\d])`, 'iu');

// First match wins, in this order: specific words before general ones.
const CATEGORY_WORDS: readonly [RegExp, string, string][] = [
  [words('phishing|phish|hame[cç]onnage'), 'fraud', 'phishing'],
  [words('ransomware|ran[cç]ongiciel|encrypted (?:our|the) files|fichiers chiffr[ée]s'), 'malicious-code', 'infected-system'],
  [words('ddos|d[ée]ni de service distribu[ée]'), 'availability', 'ddos'],
  [words('dos|denial of service|d[ée]ni de service'), 'availability', 'dos'],
  [words('defac(?:ed|ement)|d[ée]figur(?:é|e|ée|ation)|d[ée]facement'), 'intrusions', 'application-compromise'],
  [words('brute[- ]?force|password spraying|force brute'), 'intrusion-attempts', 'brute-force'],
  [words('scan(?:s|ning|ned)?|balayage'), 'information-gathering', 'scanner'],
  [words('c2|command and control|botnet'), 'malicious-code', 'c2-server'],
  [words('malware|virus|trojan|cheval de troie|logiciel malveillant'), 'malicious-code', 'infected-system'],
  [words('data leak|leaked|fuite de donn[ée]es'), 'information-content-security', 'data-leak'],
  [words('spam|pourriel'), 'abusive-content', 'spam'],
  [words('vulnerab(?:le|ility)|vuln[ée]rab(?:le|ilit[ée])'), 'vulnerable', 'vulnerable-system'],
];

const SYSTEM_TYPES = new Set(['ipv4', 'ipv6', 'domain', 'url']);

function systemKey(o: { type: string; value: string }): string {
  if (o.type !== 'url') return o.value;
  try {
    return new URL(o.value).hostname;
  } catch {
    return o.value;
  }
}

export function suggestTriage(report: {
  title: string;
  description: string;
  urgent: boolean;
  observables: readonly { type: string; value: string; matchedOrganisationIds: readonly string[] }[];
}): TriageSuggestion {
  const text = `${report.title}\n${report.description}`;
  const category = CATEGORY_WORDS.find(([re]) => re.test(text));
  const categoryWord = category ? (category[0].exec(text)?.[0] ?? null) : null;
  const systems = report.observables.filter((o) => SYSTEM_TYPES.has(o.type));
  // Systems of the constituency count; when none matched an asset, every named system does.
  const owned = systems.filter((o) => o.matchedOrganisationIds.length > 0);
  const count = new Set((owned.length ? owned : systems).map(systemKey)).size;
  const extent: IncidentExtent = count >= 100 ? 'widespread' : count >= 10 ? 'many' : count >= 2 ? 'few' : 'single';
  return {
    categoryClass: category?.[1] ?? 'other',
    categoryType: category?.[2] ?? 'undetermined',
    impact: report.urgent ? 'high' : 'medium',
    extent,
    urgent: report.urgent,
    because: { categoryWord, systems: count, owned: owned.length > 0 },
  };
}
