// Renders a server message (an i18n key with parameters, see #shared/messages) in the interface language,
// times in the browser's time zone. A message without a key, or with one this bundle lacks, shows its stored text.
import { useTranslation } from 'react-i18next';
import { isKeyParam, isTimeParam, type MessageParams } from '#shared/messages';
import { useFormatDateTime } from './format';

export interface ServerMessage {
  key: string | null;
  params: MessageParams;
  /** The text the server stored, shown when the key cannot be rendered. */
  fallback: string;
}

type Translate = (key: string, options: Record<string, unknown>) => string;

/** Pure: `translate` and `exists` are i18next's, `formatTime` formats an ISO instant for the reader. */
export function renderMessage(
  message: ServerMessage,
  translate: Translate,
  exists: (key: string) => boolean,
  formatTime: (iso: string) => string,
): string {
  const { key, params } = message;
  if (!key || !exists(key)) return message.fallback;
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params)) {
    values[name] = isTimeParam(name) && typeof value === 'string' ? formatTime(value) : value;
  }
  // Nested keys may use each other's results (an escalation's "about" names the target): two passes suffice.
  const nested = Object.entries(params).filter(([name, value]) => isKeyParam(name) && typeof value === 'string' && exists(value));
  for (let pass = 0; pass < 2; pass++) {
    for (const [name, value] of nested) values[name.slice(0, -'Key'.length)] = translate(String(value), values);
  }
  return translate(key, values);
}

export function useMessageText(): (message: ServerMessage) => string {
  const { t, i18n } = useTranslation();
  const formatDateTime = useFormatDateTime();
  // Why the cast: server keys are checked at run time (`exists`), not against the bundle's key type.
  const translate = t as unknown as Translate;
  return (message) => renderMessage(message, translate, (key) => i18n.exists(key), formatDateTime);
}
