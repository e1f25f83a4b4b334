// Texts the server writes for people (notifications, score-history reasons) travel as an i18n key of the
// web bundles with parameters, so each reader sees them in the language and time zone of the interface.
import { z } from 'zod';

/**
 * Parameter conventions, the same for every message:
 * - a name ending in `At` holds an ISO 8601 instant (the web shows it in the browser's time zone);
 * - a name ending in `Key` holds another message key, rendered with the same parameters and passed
 *   under the name without `Key` (e.g. `targetKey` → `target`);
 * - `context` picks a variant of the key (i18next context, e.g. `red` for a TLP:RED subject named by reference only).
 */
export const MessageParams = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));
export type MessageParams = z.infer<typeof MessageParams>;

export const MessageRef = z.object({ key: z.string(), params: MessageParams });
export type MessageRef = z.infer<typeof MessageRef>;

export const isTimeParam = (name: string): boolean => name.endsWith('At');
export const isKeyParam = (name: string): boolean => name.endsWith('Key');
