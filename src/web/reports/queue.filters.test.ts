// Queue filters from the URL: the backlog (status new) by default, "all" drops the status, bad values are ignored.
import { queueFiltersFromParams, reportListQuery } from './queue.filters';

const org = '7d0c7f4e-1f1b-4c5e-9a43-6f2f3f9b8a10';

describe('queue filters', () => {
  it('asks for new reports when no status is given', () => {
    expect(reportListQuery(queueFiltersFromParams(new URLSearchParams('')))).toEqual({
      status: 'new',
      urgent: undefined,
      organisationId: undefined,
      q: undefined,
    });
  });

  it('reads every filter and lets "all" ask for every status', () => {
    const filters = queueFiltersFromParams(new URLSearchParams(`status=all&urgent=true&organisationId=${org}&q=phish`));
    expect(filters).toEqual({ status: 'all', urgent: 'true', organisationId: org, q: 'phish' });
    expect(reportListQuery(filters)).toEqual({ status: undefined, urgent: 'true', organisationId: org, q: 'phish' });
  });

  it('ignores values the API would refuse', () => {
    expect(queueFiltersFromParams(new URLSearchParams('status=open&urgent=yes&organisationId=42'))).toEqual({});
  });
});
