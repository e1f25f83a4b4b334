// URL filters: known values parse, unknown or malformed ones are dropped, empty ones never reach the URL.
import { z } from 'zod';
import { filtersFromParams, paramsFromFilters } from './urlFilters';

const spec = { status: z.enum(['open', 'closed']), q: z.string().max(10) };

describe('URL filters', () => {
  it('keeps valid values and drops the rest', () => {
    const params = new URLSearchParams('status=open&q=%20phish%20&other=x');
    expect(filtersFromParams(params, spec)).toEqual({ status: 'open', q: 'phish' });
    expect(filtersFromParams(new URLSearchParams('status=bogus&q=waytoolongforit'), spec)).toEqual({});
  });

  it('writes only non-empty values', () => {
    expect(paramsFromFilters({ status: 'open', q: '  ', organisationId: undefined }).toString()).toBe('status=open');
  });
});
