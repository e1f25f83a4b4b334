// List filters kept in the URL query string: each filter has a zod schema; values that do not parse
// are dropped (a hand-edited or stale URL never breaks a page), and empty values are left out.
import type { z } from 'zod';

export type FilterSpec = Record<string, z.ZodType<string>>;
export type FiltersOf<S extends FilterSpec> = { [K in keyof S]?: z.output<S[K]> };

export function filtersFromParams<S extends FilterSpec>(params: URLSearchParams, spec: S): FiltersOf<S> {
  const filters: Partial<Record<keyof S, string>> = {};
  for (const name of Object.keys(spec) as (keyof S & string)[]) {
    const raw = params.get(name)?.trim();
    if (!raw) continue;
    const parsed = spec[name]?.safeParse(raw);
    if (parsed?.success) filters[name] = parsed.data;
  }
  return filters as FiltersOf<S>;
}

export function paramsFromFilters(filters: Record<string, string | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) {
    const trimmed = value?.trim();
    if (trimmed) params.set(name, trimmed);
  }
  return params;
}
