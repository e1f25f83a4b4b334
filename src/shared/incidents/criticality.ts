// Incident criticality: impact × extent × the constituent's own criticality × the report's urgency → a
// score 0–100 and a priority P1–P4 (P1 most urgent). Pure; the same function scores on the server and
// previews in forms.
//
// Formula (tabulated in criticality.md):
//
//   score = min( 100, round( 100 × I × (0.40 + 0.30 × E + 0.30 × C + 0.20 × U) ) )
//
//   I (impact)                   low 0.25 · medium 0.50 · high 0.75 · critical 1.00
//   E (extent, of 0.30)          single 0 · few 1/3 · many 2/3 · widespread 1
//   C (constituent, of 0.30)     low 0 · medium 1/3 · high 2/3 · vital 1
//   U (urgency, of 0.20)         not urgent 0 · urgent 1 (the reporter, or the analyst, says harm is under way)
//
// Why this shape: impact multiplies, because harm that is low stays low however wide it spreads or
// whoever suffers it (a spam run against a vital operator is not a P1), while extent and the
// constituent's criticality add to an "exposure" factor between 0.40 and 1.00, so that a critical
// impact is never below P2 and reaches P1 as soon as it spreads or touches an important constituent.
// Every input strictly raises the score, so raising any input never lowers the priority.
// Urgency is time pressure, not harm: it adds to exposure like two more steps of extent or criticality,
// enough to lift a high impact on a vital constituent to P1 (24/7 clocks), while a low impact stays
// P3 at most. Urgent scores above 100 are capped at 100 (already P1).
//
// In integers (exact, no floating-point drift): score = min(100, round(2.5 × i × (4 + e + c + 2u)))
// with i = 1..4 (impact level), e = 0..3, c = 0..3 and u = 0..1; halves round up. Range 10..100.
//
// Priority thresholds: P1 ≥ 65 · P2 ≥ 40 · P3 ≥ 25 · P4 below 25.
import { z } from 'zod';

export const IncidentImpact = z.enum(['low', 'medium', 'high', 'critical']);
export type IncidentImpact = z.infer<typeof IncidentImpact>;

export const IncidentExtent = z.enum(['single', 'few', 'many', 'widespread']);
export type IncidentExtent = z.infer<typeof IncidentExtent>;

export const ConstituentCriticality = z.enum(['low', 'medium', 'high', 'vital']);
export type ConstituentCriticality = z.infer<typeof ConstituentCriticality>;

/** P1 is the most urgent. */
export const IncidentPriority = z.enum(['P1', 'P2', 'P3', 'P4']);
export type IncidentPriority = z.infer<typeof IncidentPriority>;

export const CriticalityInput = z
  .object({
    impact: IncidentImpact,
    extent: IncidentExtent,
    constituentCriticality: ConstituentCriticality,
    /** Whether the report (or the analyst) says the incident is urgent; absent means not urgent. */
    urgent: z.boolean().optional(),
  })
  .strict();
export type CriticalityInput = z.infer<typeof CriticalityInput>;

export interface CriticalityResult {
  /** 10..100 (0..100 by contract). */
  score: number;
  priority: IncidentPriority;
  /** One English sentence showing each factor, the score and the threshold met (for the audit trail and tooltips). */
  explanation: string;
  /** What each input contributes: the impact multiplier, and the parts of the exposure it multiplies (for the "why"). */
  factors: CriticalityFactors;
}

export interface CriticalityFactors {
  /** Impact multiplier, 0.25..1.00. */
  impact: number;
  /** The exposure every incident has, 0.40. */
  base: number;
  /** Added to the exposure by the extent, 0..0.30. */
  extent: number;
  /** Added to the exposure by the constituent's criticality, 0..0.30. */
  constituent: number;
  /** Added to the exposure by urgency, 0 or 0.20. */
  urgency: number;
  /** base + extent + constituent + urgency, 0.40..1.20. */
  exposure: number;
}

/** Lowest score of each priority, most urgent first; anything below the last is P4. */
export const PRIORITY_THRESHOLDS: readonly { priority: IncidentPriority; minScore: number }[] = [
  { priority: 'P1', minScore: 65 },
  { priority: 'P2', minScore: 40 },
  { priority: 'P3', minScore: 25 },
];

const IMPACT_LEVEL: Record<IncidentImpact, number> = { low: 1, medium: 2, high: 3, critical: 4 };
const EXTENT_LEVEL: Record<IncidentExtent, number> = { single: 0, few: 1, many: 2, widespread: 3 };
const CONSTITUENT_LEVEL: Record<ConstituentCriticality, number> = { low: 0, medium: 1, high: 2, vital: 3 };
/** Urgency weighs as two steps of extent or criticality (0.20 of exposure). */
const URGENCY_STEPS = 2;

/** The priority a score falls in. */
export function priorityForScore(score: number): IncidentPriority {
  for (const { priority, minScore } of PRIORITY_THRESHOLDS) {
    if (score >= minScore) return priority;
  }
  return 'P4';
}

/** Scores an incident; see the header comment and criticality.md for the formula. */
export function scoreIncident(input: CriticalityInput): CriticalityResult {
  const i = IMPACT_LEVEL[input.impact];
  const e = EXTENT_LEVEL[input.extent];
  const c = CONSTITUENT_LEVEL[input.constituentCriticality];
  const u = input.urgent ? URGENCY_STEPS : 0;
  // 5·i·(4+e+c+u) is an integer; dividing by 2 yields at most a half, which Math.round takes up.
  const score = Math.min(100, Math.round((5 * i * (4 + e + c + u)) / 2));
  const priority = priorityForScore(score);
  const factors: CriticalityFactors = {
    impact: i / 4,
    base: 0.4,
    extent: e / 10,
    constituent: c / 10,
    urgency: u / 10,
    exposure: (4 + e + c + u) / 10,
  };
  const threshold = PRIORITY_THRESHOLDS.find((t) => t.priority === priority);
  const rule = threshold ? `≥ ${threshold.minScore}` : `< ${PRIORITY_THRESHOLDS.at(-1)?.minScore ?? 0}`;
  const explanation =
    `impact ${input.impact} (×${factors.impact.toFixed(2)}) × exposure ${factors.exposure.toFixed(2)} ` +
    `(base 0.40 + extent ${input.extent} ${factors.extent.toFixed(2)} + constituent ${input.constituentCriticality} ${factors.constituent.toFixed(2)} ` +
    `+ ${input.urgent ? 'urgent' : 'not urgent'} ${factors.urgency.toFixed(2)}) = ${score}${score === 100 && (5 * i * (4 + e + c + u)) / 2 > 100 ? ' (capped)' : ''} → ${priority} (${rule})`;
  return { score, priority, explanation, factors };
}
