// Marking and priority badges used on every screen: TLP 2.0 and PAP labels in FIRST's colours (the label
// text is always shown, so colour is never the only cue), and incident priorities from P1 (red) to P4 (grey).
import type { IncidentPriority } from '#shared/incidents/criticality';
import { formatPap, formatTlp, type PapLabel, type TlpLabel } from '#shared/taxonomies/tlp';

const labelClass = (label: string) => label.toLowerCase().replace('+', '-');

export function TlpBadge({ label }: { label: TlpLabel }) {
  return <span className={`badge badge-marking badge-tlp-${labelClass(label)}`}>{formatTlp(label)}</span>;
}

export function PapBadge({ label }: { label: PapLabel }) {
  return <span className={`badge badge-marking badge-tlp-${labelClass(label)}`}>{formatPap(label)}</span>;
}

export function PriorityBadge({ priority }: { priority: IncidentPriority }) {
  return <span className={`badge badge-priority badge-${priority.toLowerCase()}`}>{priority}</span>;
}
