// Only same-site paths and http(s) URLs are used as link targets.
import { absoluteUrl, safeHref } from './links';

describe('safeHref', () => {
  it('keeps paths and web URLs', () => {
    expect(safeHref('/report/track/abc')).toBe('/report/track/abc');
    expect(safeHref('https://cert.example/report/track/abc')).toBe('https://cert.example/report/track/abc');
  });

  it('refuses other schemes and protocol-relative URLs', () => {
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,x')).toBeNull();
    expect(safeHref('//evil.example/x')).toBeNull();
  });

  it('makes a path absolute for copying', () => {
    expect(absoluteUrl('/report/track/abc', 'https://cert.example')).toBe('https://cert.example/report/track/abc');
  });
});
