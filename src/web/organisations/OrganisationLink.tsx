// An organisation named by id: its name as a link to its page (or the id while names load).
import { Link } from 'react-router';
import type { Organisation } from '#shared/organisations/organisations.schemas';

export function OrganisationLink({ id, byId, name }: { id: string; byId?: ReadonlyMap<string, Organisation>; name?: string | null }) {
  const label = name ?? byId?.get(id)?.name ?? id.slice(0, 8);
  return <Link to={`/organisations/${encodeURIComponent(id)}`}>{label}</Link>;
}
