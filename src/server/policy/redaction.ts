// What a viewer who may see a report still may not read in it: who reported it (reporter identity, and
// whether the reporter stayed anonymous) and the team's internal notes. Reports and incidents render
// what these functions let through; they never decide it themselves.
import { isTeam, type Viewer } from './visibility';

/** The reporter's identity as stored on a report. */
export interface ReporterFacts {
  channel: string;
  reporterName: string | null;
  reporterEmail: string | null;
  reporterOrganisation: string | null;
  reporterPhone: string | null;
}

/** The reporter's identity as shown to a viewer; all null when withheld. */
export interface ReporterShown {
  reporterName: string | null;
  reporterEmail: string | null;
  reporterOrganisation: string | null;
  reporterPhone: string | null;
  /** The reporter gave neither name nor e-mail (follows the report by its tracking link): said only to those who may see the reporter. */
  reporterAnonymous: boolean;
}

const WITHHELD: ReporterShown = {
  reporterName: null,
  reporterEmail: null,
  reporterOrganisation: null,
  reporterPhone: null,
  reporterAnonymous: false,
};

/**
 * Whether the viewer may learn who reported. Why: a citizen or researcher reporting a constituent's problem
 * trusts the team, not the constituent; constituents see the reporter only on their own portal reports.
 * Whether a reporter stayed anonymous is itself withheld: it tells the constituent something about the source.
 */
export function seesReporter(viewer: Viewer, report: Pick<ReporterFacts, 'channel'>): boolean {
  return viewer.kind === 'system' || isTeam(viewer) || (viewer.kind === 'user' && report.channel === 'portal');
}

/** The reporter's identity as `viewer` may read it (the viewer may see the report: check that first). */
export function reporterFor(viewer: Viewer, report: ReporterFacts): ReporterShown {
  if (!seesReporter(viewer, report)) return WITHHELD;
  return {
    reporterName: report.reporterName,
    reporterEmail: report.reporterEmail,
    reporterOrganisation: report.reporterOrganisation,
    reporterPhone: report.reporterPhone,
    reporterAnonymous: report.reporterName === null && report.reporterEmail === null,
  };
}

/** Whether the viewer reads the team's internal notes (triage decision notes). Why: constituents get the public reply only. */
export function seesInternalNotes(viewer: Viewer): boolean {
  return viewer.kind === 'system' || isTeam(viewer);
}
