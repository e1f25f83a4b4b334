// What anyone may know of the team without an account: a module of its own, so that the public pages'
// frame (in the web app's entry) does not pull the profile, hours and holiday contracts in with it.
import { z } from 'zod';

/** What anyone may know of the team without an account (shown on the report form and tracking page). */
export const PublicTeam = z.object({
  name: z.string().nullable(),
  shortName: z.string().nullable(),
  email: z.string().nullable(),
  telephone: z.string().nullable(),
  urgentSubjectTag: z.string().nullable(),
  /** The published RFC 2350 page, when there is one. */
  rfc2350: z.string().nullable(),
});
export type PublicTeam = z.infer<typeof PublicTeam>;
