import {
  auditSummaryFor,
  describeFor,
  describeForAll,
  disclosure,
  leastOf,
  type Channel,
  type DisclosedItem,
  type Recipient,
} from './disclosure';
import type { Role } from '#shared/permissions';
import type { TlpLabel } from '#shared/taxonomies/tlp';

const user = (role: Role, id: string, organisationId: string | null = null): Recipient => ({ kind: 'user', id, role, organisationId });
const item = (tlp: TlpLabel, over: Partial<DisclosedItem> = {}): DisclosedItem => ({
  reference: 'TOC-2026-000001',
  title: 'Ransomware at the town hall',
  organisationId: 'org-a',
  tlp,
  ownerId: 'owner',
  namedUserIds: ['named'],
  ...over,
});
const CHANNELS: Channel[] = ['view', 'notification', 'email', 'audit', 'share'];

describe('disclosure', () => {
  it('never gives the title of a TLP:RED item to anyone not named on it, in any channel', () => {
    const red = item('RED');
    const outsiders: Recipient[] = [
      user('admin', 'boss'),
      user('lead', 'lead'),
      user('analyst', 'other'),
      user('constituent', 'c', 'org-a'),
      { kind: 'team' },
      { kind: 'contact', organisationId: 'org-a' },
      { kind: 'anonymous' },
    ];
    for (const to of outsiders)
      for (const channel of CHANNELS) expect(describeFor(to, red, channel).title, `${to.kind} ${channel}`).toBeNull();
  });

  it('tells team members who may not see a TLP:RED item its reference in notifications, e-mails and the audit log, and nothing in views and shares', () => {
    const red = item('RED');
    for (const to of [user('lead', 'lead'), { kind: 'team' } as const]) {
      expect(disclosure(red, to, 'notification')).toBe('reference');
      expect(disclosure(red, to, 'email')).toBe('reference');
      expect(disclosure(red, to, 'audit')).toBe('reference');
      expect(disclosure(red, to, 'view')).toBe('none');
      expect(disclosure(red, to, 'share')).toBe('none');
    }
  });

  it('shows a named user the whole TLP:RED item, but notifies it by reference only (stored texts outlive the need-to-know list)', () => {
    const red = item('RED');
    for (const to of [user('analyst', 'owner'), user('viewer', 'named')]) {
      expect(disclosure(red, to, 'view')).toBe('content');
      expect(disclosure(red, to, 'audit')).toBe('content');
      expect(describeFor(to, red, 'notification')).toEqual({ level: 'reference', reference: 'TOC-2026-000001', title: null, red: true });
    }
  });

  it('names a non-RED item with its title to the team and to its own constituent, and not at all to another constituent', () => {
    const amber = item('AMBER');
    expect(describeFor({ kind: 'team' }, amber, 'notification')).toEqual({
      level: 'title',
      reference: 'TOC-2026-000001',
      title: 'Ransomware at the town hall',
      red: false,
    });
    expect(disclosure(amber, user('viewer', 'v'), 'notification')).toBe('title');
    expect(disclosure(amber, user('constituent', 'c', 'org-a'), 'notification')).toBe('title');
    expect(disclosure(amber, user('constituent', 'c', 'org-b'), 'notification')).toBe('none');
    expect(disclosure(amber, user('constituent', 'c', 'org-b'), 'audit')).toBe('none');
    expect(disclosure(amber, { kind: 'anonymous' }, 'email')).toBe('none');
  });

  it('puts at most the reference in an e-mail, which may travel unencrypted', () => {
    for (const tlp of ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT'] as const) {
      expect(describeFor(user('analyst', 'owner'), item(tlp), 'email')).toMatchObject({ level: 'reference', title: null, red: false });
    }
  });

  it('shares with an organisation’s contact what TLP 2.0 allows: CLEAR and GREEN to anyone, AMBER to the organisation concerned, RED to nobody yet', () => {
    const own = { kind: 'contact', organisationId: 'org-a' } as const;
    const peer = { kind: 'contact', organisationId: 'org-b' } as const;
    expect(disclosure(item('CLEAR'), peer, 'share')).toBe('content');
    expect(disclosure(item('GREEN'), peer, 'share')).toBe('content');
    expect(disclosure(item('AMBER'), own, 'share')).toBe('content');
    expect(disclosure(item('AMBER+STRICT'), own, 'share')).toBe('content');
    expect(disclosure(item('AMBER'), peer, 'share')).toBe('none');
    expect(disclosure(item('AMBER+STRICT'), peer, 'share')).toBe('none');
    expect(disclosure(item('AMBER', { organisationId: null }), own, 'share')).toBe('none');
    expect(disclosure(item('RED'), own, 'share')).toBe('none');
    expect(disclosure(item('RED'), own, 'notification')).toBe('none');
  });

  it('lets the system (jobs, CLI) learn everything', () => {
    for (const channel of CHANNELS) expect(disclosure(item('RED'), { kind: 'system' }, channel)).toBe('content');
  });

  it('describes a text shared by several recipients at the level of the most restricted one', () => {
    expect(leastOf([])).toBe('content');
    expect(leastOf(['title', 'reference', 'content'])).toBe('reference');
    const amber = item('AMBER');
    expect(describeForAll([user('lead', 'l'), user('analyst', 'a')], amber, 'notification').title).toBe('Ransomware at the town hall');
    expect(describeForAll([user('lead', 'l'), user('constituent', 'c', 'org-b')], amber, 'notification')).toMatchObject({
      level: 'none',
      reference: null,
      title: null,
    });
  });
});

describe('auditSummaryFor', () => {
  const summary = { reference: 'TOC-2026-000001', files: [{ filename: 'minister.txt' }], reason: 'secret' };

  it('keeps the summary for a reader who may see the item', () => {
    expect(auditSummaryFor(user('lead', 'named'), item('RED'), summary)).toEqual({ summary, redacted: false });
    expect(auditSummaryFor(user('lead', 'other'), item('AMBER'), summary)).toEqual({ summary, redacted: false });
  });

  it('reduces it to the reference for a reader who may not, and to nothing when the item is gone', () => {
    expect(auditSummaryFor(user('admin', 'boss'), item('RED'), summary)).toEqual({
      summary: { reference: 'TOC-2026-000001' },
      redacted: true,
    });
    expect(auditSummaryFor(user('admin', 'boss'), null, summary)).toEqual({ summary: {}, redacted: true });
  });
});
