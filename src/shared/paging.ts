// Lists read page after page with a cursor (keyset paging): the request names the page it continues with
// `cursor` (opaque, as the previous page gave it), the answer gives the next one, and a total counted up to a cap.
import { z } from 'zod';

/** Beyond this many rows a list answers `{ total: TOTAL_CAP, totalCapped: true }` rather than count them all. */
export const TOTAL_CAP = 1000;

/** The `cursor` query parameter: `nextCursor` of the previous page, as given (base64url). */
export const CursorParam = z
  .string()
  .max(1000)
  .regex(/^[A-Za-z0-9_-]+$/, { message: 'Not a cursor this list gave' })
  .optional()
  .meta({ description: 'Continue after the page that gave this `nextCursor` (opaque); omit for the first page.' });

/** The fields every keyset-paged list answers beside its items. */
export const pageFields = {
  /** The cursor of the next page; null on the last page. */
  nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page.' }),
  total: z
    .number()
    .int()
    .meta({ description: `Rows matching the filters: exact up to ${TOTAL_CAP}, else ${TOTAL_CAP} with totalCapped true.` }),
  totalCapped: z.boolean().meta({ description: `True when more than ${TOTAL_CAP} rows match (total is then ${TOTAL_CAP}).` }),
};
