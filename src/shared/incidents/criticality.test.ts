// Behaviour of the incident criticality score: monotonic in every input, thresholds, named scenarios,
// and agreement with the table published in criticality.md.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  ConstituentCriticality,
  CriticalityInput,
  IncidentExtent,
  IncidentImpact,
  IncidentPriority,
  PRIORITY_THRESHOLDS,
  priorityForScore,
  scoreIncident,
} from './criticality';

const impacts = IncidentImpact.options;
const extents = IncidentExtent.options;
const criticalities = ConstituentCriticality.options;
const urgency = (p: IncidentPriority): number => 4 - IncidentPriority.options.indexOf(p); // P1 → 4 … P4 → 1

const level = fc.integer({ min: 0, max: 3 });
const input = fc.record({ i: level, e: level, c: level });
const build = (i: number, e: number, c: number): CriticalityInput => ({
  impact: impacts[i] ?? 'low',
  extent: extents[e] ?? 'single',
  constituentCriticality: criticalities[c] ?? 'low',
});

describe('scoreIncident', () => {
  it('is strictly increasing in each input and never lowers the priority (property)', () => {
    fc.assert(
      fc.property(input, fc.constantFrom('i', 'e', 'c'), ({ i, e, c }, axis) => {
        const before = { i, e, c };
        if (before[axis] === 3) return;
        const after = { ...before, [axis]: before[axis] + 1 };
        const a = scoreIncident(build(before.i, before.e, before.c));
        const b = scoreIncident(build(after.i, after.e, after.c));
        expect(b.score).toBeGreaterThan(a.score);
        expect(urgency(b.priority)).toBeGreaterThanOrEqual(urgency(a.priority));
      }),
    );
  });

  it('stays within 0..100 and reaches both ends of its range', () => {
    const all = impacts.flatMap((impact) =>
      extents.flatMap((extent) => criticalities.map((constituentCriticality) => scoreIncident({ impact, extent, constituentCriticality }))),
    );
    expect(all).toHaveLength(64);
    for (const r of all) {
      expect(Number.isInteger(r.score)).toBe(true);
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(100);
    }
    expect(Math.min(...all.map((r) => r.score))).toBe(10);
    expect(Math.max(...all.map((r) => r.score))).toBe(100);
    expect(new Set(all.map((r) => r.priority))).toEqual(new Set(['P1', 'P2', 'P3', 'P4']));
  });

  it('rates ransomware on a vital operator across many systems P1', () => {
    const r = scoreIncident({ impact: 'critical', extent: 'many', constituentCriticality: 'vital' });
    expect(r).toMatchObject({ score: 90, priority: 'P1' });
    expect(r.explanation).toBe(
      'impact critical (×1.00) × exposure 0.90 (base 0.40 + extent many 0.20 + constituent vital 0.30 + not urgent 0.00) = 90 → P1 (≥ 65)',
    );
  });

  it('rates a single defaced page of a low-criticality constituent P4, even at medium impact', () => {
    expect(scoreIncident({ impact: 'low', extent: 'single', constituentCriticality: 'low' })).toMatchObject({
      score: 10,
      priority: 'P4',
    });
    const medium = scoreIncident({ impact: 'medium', extent: 'single', constituentCriticality: 'low' });
    expect(medium).toMatchObject({ score: 20, priority: 'P4' });
    expect(medium.explanation).toContain('→ P4 (< 25)');
  });

  it('keeps low impact low however wide or vital (spam run against a vital operator is P4)', () => {
    expect(scoreIncident({ impact: 'low', extent: 'many', constituentCriticality: 'vital' }).priority).toBe('P4');
    expect(scoreIncident({ impact: 'low', extent: 'widespread', constituentCriticality: 'vital' }).priority).toBe('P3');
  });

  it('never rates a critical impact below P2, and makes it P1 on a vital constituent', () => {
    for (const extent of extents) {
      for (const constituentCriticality of criticalities) {
        const r = scoreIncident({ impact: 'critical', extent, constituentCriticality });
        expect(['P1', 'P2']).toContain(r.priority);
      }
      expect(scoreIncident({ impact: 'critical', extent, constituentCriticality: 'vital' }).priority).toBe('P1');
    }
  });

  it('rates an urgent report of high impact on a single system of a vital constituent P1, and the same not urgent P2', () => {
    const urgent = scoreIncident({ impact: 'high', extent: 'single', constituentCriticality: 'vital', urgent: true });
    expect(urgent).toMatchObject({ score: 68, priority: 'P1' });
    expect(urgent.explanation).toBe(
      'impact high (×0.75) × exposure 0.90 (base 0.40 + extent single 0.00 + constituent vital 0.30 + urgent 0.20) = 68 → P1 (≥ 65)',
    );
    expect(urgent.factors).toEqual({ impact: 0.75, base: 0.4, extent: 0, constituent: 0.3, urgency: 0.2, exposure: 0.9 });
    const calm = scoreIncident({ impact: 'high', extent: 'single', constituentCriticality: 'vital', urgent: false });
    expect(calm).toMatchObject({ score: 53, priority: 'P2' });
    expect(calm.factors.urgency).toBe(0);
    expect(scoreIncident({ impact: 'high', extent: 'single', constituentCriticality: 'vital' })).toEqual(calm);
  });

  it('never lowers the score when a report is urgent, keeps low impact low, and stays within 100 (property)', () => {
    fc.assert(
      fc.property(input, ({ i, e, c }) => {
        const calm = scoreIncident({ ...build(i, e, c), urgent: false });
        const urgent = scoreIncident({ ...build(i, e, c), urgent: true });
        expect(urgent.score).toBeGreaterThanOrEqual(calm.score);
        if (calm.score < 100) expect(urgent.score).toBeGreaterThan(calm.score);
        expect(urgent.score).toBeLessThanOrEqual(100);
        expect(urgency(urgent.priority)).toBeGreaterThanOrEqual(urgency(calm.priority));
        if (i === 0) expect(['P3', 'P4']).toContain(urgent.priority);
      }),
    );
  });

  it('rounds halves up (2.5 × 1 × 5 = 12.5 → 13)', () => {
    expect(scoreIncident({ impact: 'low', extent: 'few', constituentCriticality: 'low' }).score).toBe(13);
  });
});

describe('priorityForScore', () => {
  it('applies each threshold inclusively', () => {
    expect(PRIORITY_THRESHOLDS.map((t) => t.minScore)).toEqual([65, 40, 25]);
    expect(priorityForScore(100)).toBe('P1');
    expect(priorityForScore(65)).toBe('P1');
    expect(priorityForScore(64)).toBe('P2');
    expect(priorityForScore(40)).toBe('P2');
    expect(priorityForScore(39)).toBe('P3');
    expect(priorityForScore(25)).toBe('P3');
    expect(priorityForScore(24)).toBe('P4');
    expect(priorityForScore(0)).toBe('P4');
  });

  it('lands on the boundary cells of the table', () => {
    expect(scoreIncident({ impact: 'high', extent: 'many', constituentCriticality: 'vital' })).toMatchObject({
      score: 68,
      priority: 'P1',
    });
    expect(scoreIncident({ impact: 'critical', extent: 'single', constituentCriticality: 'low' })).toMatchObject({
      score: 40,
      priority: 'P2',
    });
    expect(scoreIncident({ impact: 'medium', extent: 'single', constituentCriticality: 'medium' })).toMatchObject({
      score: 25,
      priority: 'P3',
    });
  });
});

describe('CriticalityInput', () => {
  it('accepts the documented levels and rejects others or extra keys', () => {
    expect(CriticalityInput.safeParse({ impact: 'high', extent: 'few', constituentCriticality: 'vital' }).success).toBe(true);
    expect(CriticalityInput.safeParse({ impact: 'severe', extent: 'few', constituentCriticality: 'vital' }).success).toBe(false);
    expect(CriticalityInput.safeParse({ impact: 'high', extent: 'few', constituentCriticality: 'vital', score: 99 }).success).toBe(false);
  });
});

describe('criticality.md', () => {
  it('publishes exactly the scores and priorities the code computes', () => {
    const md = readFileSync(new URL('./criticality.md', import.meta.url), 'utf8');
    const rows = { calm: 0, urgent: 0 };
    let urgent = false;
    for (const line of md.split('\n')) {
      if (line.startsWith('## ')) urgent = line.includes('(urgent)');
      const cells = line.split('|').map((s) => s.trim());
      const impact = IncidentImpact.safeParse(cells[1]);
      const extent = IncidentExtent.safeParse(cells[2]);
      if (!impact.success || !extent.success || cells.length !== 8) continue;
      criticalities.forEach((constituentCriticality, k) => {
        const r = scoreIncident({ impact: impact.data, extent: extent.data, constituentCriticality, urgent });
        expect(cells[3 + k], `${impact.data}/${extent.data}/${constituentCriticality}/${urgent ? 'urgent' : 'not urgent'}`).toBe(
          `${r.score} ${r.priority}`,
        );
      });
      rows[urgent ? 'urgent' : 'calm'] += 1;
    }
    expect(rows).toEqual({ calm: 16, urgent: 16 });
  });
});
