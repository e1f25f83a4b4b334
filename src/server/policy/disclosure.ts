// What may be said about a report or an incident to a given recipient in a given channel: nothing, its
// reference, its title too, or its content. Notifications, pages, escalations, e-mail copies, the audit
// log and (later) shares to parties all ask `disclosure`/`describeFor`; no feature decides it itself.
import { canSeeItem, isNamedOnly, isTeam, type Classified, type Viewer } from './visibility';

/**
 * Who is told. A union meant to grow with the coordination features (a vendor, a peer team, the public):
 * each new kind gets its line in `canLearn` and the compiler finds every decision left to make.
 */
export type Recipient =
  /** An account known by name: the viewer of a page, the owner being assigned, a named user. */
  | Extract<Viewer, { kind: 'user' }>
  /** Whoever of the team a message reaches without being chosen for this item (the duty officer, the leads): never assumed named. */
  | { kind: 'team' }
  /** A person at an organisation, outside Tocsin (an organisation's contact): TLP 2.0 decides, nothing is shared with it by name yet. */
  | { kind: 'contact'; organisationId: string }
  | { kind: 'system' }
  | { kind: 'anonymous' };

/**
 * Where the words go.
 * - `view`: the item itself, on a page or through the API.
 * - `notification`: a text stored in someone's inbox in Tocsin (pages, escalations, SLA warnings, assignments).
 * - `email`: a notice by e-mail, which may travel unencrypted.
 * - `audit`: the summary of an audit event, read by leads and admins.
 * - `share`: the item sent out of Tocsin (messages to parties, exports, feeds).
 */
export type Channel = 'view' | 'notification' | 'email' | 'audit' | 'share';

/** From least to most said; the index is the ordering. */
export const LEVELS = ['none', 'reference', 'title', 'content'] as const;
export type Level = (typeof LEVELS)[number];

/** The facts of an item the policy needs to describe it. */
export interface DisclosedItem extends Classified {
  reference: string;
  title: string;
}

/** Whether the recipient may learn the item at all (read it, or be told its content). */
function canLearn(to: Recipient, item: Classified): boolean {
  switch (to.kind) {
    case 'user':
    case 'system':
    case 'anonymous':
      return canSeeItem(to, item);
    case 'team':
      // Why: a TLP:RED item is for its owner and named users; a message to "the team" may reach anyone else.
      return !isNamedOnly(item.tlp);
    case 'contact':
      switch (item.tlp) {
        case 'CLEAR':
        case 'GREEN':
          return true;
        case 'AMBER':
        case 'AMBER+STRICT':
          // Why: AMBER items are shared with the organisation concerned; a peer needs an explicit share (to come).
          return item.organisationId !== null && item.organisationId === to.organisationId;
        case 'RED':
          return false;
      }
  }
}

/** Members of the team are told that something happened to an item they cannot see (by its reference); others are told nothing. */
const inTeam = (to: Recipient): boolean => to.kind === 'team' || (to.kind === 'user' && isTeam(to));

/** How much may be said about `item` to `to` in `channel`. */
export function disclosure(item: Classified, to: Recipient, channel: Channel): Level {
  if (to.kind === 'system') return 'content';
  const learns = canLearn(to, item);
  const reference: Level = inTeam(to) ? 'reference' : 'none';
  switch (channel) {
    case 'view':
    case 'share':
      return learns ? 'content' : 'none';
    case 'audit':
      // Why: the log must show who did what and to which item, even to a reader who may not see the item;
      // what was done to its content (titles, texts, file names, observables, reasons) stays hidden.
      return learns ? 'content' : reference;
    case 'notification':
      // Why reference only for TLP:RED even to a named user: the stored text outlives the need-to-know list
      // (someone removed from it keeps the inbox), and a page often goes to whoever is on duty.
      if (!learns) return reference;
      return isNamedOnly(item.tlp) ? 'reference' : 'title';
    case 'email':
      // Why: an e-mail copy may travel unencrypted; details stay behind sign-in.
      return learns || inTeam(to) ? 'reference' : 'none';
  }
}

/** The most restrictive of the levels (`content` for none): what a text shared by several recipients may say. */
export function leastOf(levels: Iterable<Level>): Level {
  let least: Level = 'content';
  for (const l of levels) if (LEVELS.indexOf(l) < LEVELS.indexOf(least)) least = l;
  return least;
}

/** An item as it may be named to a recipient: the reference and title when allowed, null otherwise. */
export interface Described {
  level: Level;
  reference: string | null;
  title: string | null;
  /** The title was withheld because the item is TLP:RED (messages say so: "TOC-2026-000123 (TLP:RED)"). */
  red: boolean;
}

function described(item: DisclosedItem, level: Level): Described {
  const rank = LEVELS.indexOf(level);
  return {
    level,
    reference: rank >= LEVELS.indexOf('reference') ? item.reference : null,
    title: rank >= LEVELS.indexOf('title') ? item.title : null,
    red: isNamedOnly(item.tlp) && rank < LEVELS.indexOf('title'),
  };
}

/** How `item` may be named to `to` in `channel`. */
export function describeFor(to: Recipient, item: DisclosedItem, channel: Channel): Described {
  return described(item, disclosure(item, to, channel));
}

/** How `item` may be named in one text sent to all of `recipients` (the most restrictive of their levels). */
export function describeForAll(recipients: readonly Recipient[], item: DisclosedItem, channel: Channel): Described {
  return described(item, leastOf(recipients.map((to) => disclosure(item, to, channel))));
}

/**
 * An audit event's summary as `reader` may read it. When the reader may not see the item the event is
 * about, the summary is reduced to the item's reference (or to nothing when the item is gone) and
 * `redacted` says so. The stored event is not changed (the trail is hash-chained).
 */
export function auditSummaryFor(
  reader: Recipient,
  item: DisclosedItem | null,
  summary: Record<string, unknown>,
): { summary: Record<string, unknown>; redacted: boolean } {
  if (item === null) return { summary: {}, redacted: true };
  switch (disclosure(item, reader, 'audit')) {
    case 'content':
      return { summary, redacted: false };
    case 'title':
      return { summary: { reference: item.reference, title: item.title }, redacted: true };
    case 'reference':
      return { summary: { reference: item.reference }, redacted: true };
    case 'none':
      return { summary: {}, redacted: true };
  }
}
