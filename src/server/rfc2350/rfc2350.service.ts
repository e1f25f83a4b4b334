// Reads what the public pages show: the last publication, and the public key(s) that verify it.
import type { Ctx } from '#server/ctx';
import { findPublication, latestPublicationRow, publishedKeys } from '#server/team/team.service';
import type { PublicationRow } from '#server/team/team.table';

export const latestPublication = (ctx: Ctx): Promise<PublicationRow | null> => latestPublicationRow(ctx);
export { findPublication };

/** The active team key first, then the key that signed the last publication if it differs. */
export async function keysForPublication(ctx: Ctx): Promise<string | null> {
  const keys = await publishedKeys(ctx);
  return keys.length ? keys.join('\n') : null;
}
