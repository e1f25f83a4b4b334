// Normalising assets as the team types them: a CIDR (or a bare address), a domain, an AS number, a product name.
import { normaliseCidr, normaliseDomain, normaliseIpv4, normaliseIpv6 } from '#shared/observables/normalise';
import type { AssetKind } from '#shared/organisations/organisations.schemas';
import type { FieldCode, FieldParams } from '#shared/problems';

/** A failure carries its English message and the code (with parameters) the web translates. */
export type Normalised = { ok: true; value: string } | { ok: false; message: string; code: FieldCode; params?: FieldParams };

export function normaliseAsset(kind: AssetKind, raw: string): Normalised {
  const value = raw.trim();
  switch (kind) {
    case 'cidr': {
      const v4 = normaliseIpv4(value);
      if (v4) return { ok: true, value: `${v4}/32` };
      const v6 = normaliseIpv6(value);
      if (v6) return { ok: true, value: `${v6}/128` };
      const cidr = normaliseCidr(value);
      return cidr
        ? { ok: true, value: cidr }
        : { ok: false, message: `"${value}" is not an IPv4 or IPv6 address or CIDR range`, code: 'not_ip_or_range', params: { value } };
    }
    case 'domain': {
      const d = normaliseDomain(value.replace(/^\*\./, ''), { prose: false });
      return d ? { ok: true, value: d } : { ok: false, message: `"${value}" is not a domain name`, code: 'not_domain', params: { value } };
    }
    case 'asn': {
      const m = /^(?:AS)?\s*(\d{1,10})$/i.exec(value);
      const n = m?.[1] ? Number(m[1]) : NaN;
      return Number.isInteger(n) && n > 0 && n <= 4_294_967_295
        ? { ok: true, value: `AS${n}` }
        : { ok: false, message: `"${value}" is not an AS number`, code: 'not_as_number', params: { value } };
    }
    case 'product':
      return value.length >= 2 && value.length <= 200
        ? { ok: true, value }
        : {
            ok: false,
            message: 'A product name has 2 to 200 characters',
            code: 'product_name_length',
            params: { minimum: 2, maximum: 200 },
          };
  }
}
