// The form preview scores like the server: the organisation's criticality when known, medium otherwise.
import { previewCriticality } from './criticality.preview';

describe('previewCriticality', () => {
  it('uses the organisation criticality', () => {
    expect(previewCriticality('critical', 'many', 'vital')).toMatchObject({ score: 90, priority: 'P1', assumed: false });
    expect(previewCriticality('low', 'single', 'low')).toMatchObject({ score: 10, priority: 'P4' });
  });

  it('assumes medium when the organisation or its criticality is unknown', () => {
    expect(previewCriticality('high', 'single', null)).toMatchObject({
      score: 38,
      priority: 'P3',
      constituentCriticality: 'medium',
      assumed: true,
    });
    expect(previewCriticality('medium', 'many', undefined).assumed).toBe(true);
  });

  it('moves with every input', () => {
    const base = previewCriticality('medium', 'few', 'medium').score;
    expect(previewCriticality('high', 'few', 'medium').score).toBeGreaterThan(base);
    expect(previewCriticality('medium', 'many', 'medium').score).toBeGreaterThan(base);
    expect(previewCriticality('medium', 'few', 'high').score).toBeGreaterThan(base);
    expect(previewCriticality('medium', 'few', 'medium', true).score).toBeGreaterThan(base);
  });

  it('counts urgency as the server does: urgent, high, single, vital is P1; not urgent, P2', () => {
    expect(previewCriticality('high', 'single', 'vital', true)).toMatchObject({
      score: 68,
      priority: 'P1',
      urgent: true,
      factors: { urgency: 0.2 },
    });
    expect(previewCriticality('high', 'single', 'vital', false)).toMatchObject({ score: 53, priority: 'P2', urgent: false });
  });
});
