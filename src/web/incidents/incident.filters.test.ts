// Incident filters from the URL: every known filter is read, anything the API would refuse is dropped.
import { paramsFromFilters } from '#web/ui/urlFilters';
import { incidentFiltersFromParams } from './incident.filters';

const id = '0f8c5a52-7d4b-4a4f-8d4e-2b7e1c9d3a61';

describe('incident filters', () => {
  it('reads status, priority, organisation, owner and text', () => {
    const params = new URLSearchParams(`status=in-progress&priority=P1&organisationId=${id}&ownerId=${id}&q=ransom`);
    expect(incidentFiltersFromParams(params)).toEqual({
      status: 'in-progress',
      priority: 'P1',
      organisationId: id,
      ownerId: id,
      q: 'ransom',
    });
  });

  it('drops unknown values', () => {
    expect(incidentFiltersFromParams(new URLSearchParams('status=done&priority=P5&ownerId=me'))).toEqual({});
  });

  it('round-trips through the URL', () => {
    const filters = { status: 'open', priority: 'P2', q: 'x' } as const;
    expect(incidentFiltersFromParams(paramsFromFilters(filters))).toEqual(filters);
  });
});
