import { ConfigError, loadConfig } from './config';

describe('loadConfig: public report rate limit and event-loop delay log', () => {
  it('keeps 5 reports a minute and a line a minute unless told otherwise', () => {
    const c = loadConfig({});
    expect(c.publicReportRateLimit).toBe(5);
    expect(c.loopStatsSeconds).toBe(60);
  });

  it('takes raised values from the environment', () => {
    const c = loadConfig({ TOCSIN_PUBLIC_REPORT_RATE_LIMIT: '100000', TOCSIN_LOOP_STATS_SECONDS: '0' });
    expect(c.publicReportRateLimit).toBe(100_000);
    expect(c.loopStatsSeconds).toBe(0);
  });

  it('refuses a limit of 0 or a non-number, naming the variable', () => {
    expect(() => loadConfig({ TOCSIN_PUBLIC_REPORT_RATE_LIMIT: '0' })).toThrow(/TOCSIN_PUBLIC_REPORT_RATE_LIMIT/);
    expect(() => loadConfig({ TOCSIN_LOOP_STATS_SECONDS: 'often' })).toThrow(ConfigError);
  });
});
