// Shown when saving met a newer version (409 profile-conflict). The user's edits stay in the form; they
// can copy them, load the newer version, then put their own changes back on top of it and save again.
import { useTranslation } from 'react-i18next';
import type { ProfileState } from '#shared/team/team.schemas';
import { Button } from '#web/ui/Button';
import { useFormatDateTime } from '#web/ui/format';
import { useClipboard } from '#web/ui/useClipboard';
import { usePathLabel } from './profile.labels';
import { useProfileDiff } from './team.queries';

export interface ConflictNoticeProps {
  /** The version the user's edits started from. */
  startedFrom: number;
  latest: ProfileState;
  /** True once the newer version is in the form and the user's edits are set aside. */
  loaded: boolean;
  /** The user's edits as JSON, for the clipboard. */
  editsJson: () => string;
  onLoadLatest: () => void;
  onReapply: () => void;
  onDiscard: () => void;
}

export function ConflictNotice(props: ConflictNoticeProps) {
  const { startedFrom, latest, loaded, editsJson, onLoadLatest, onReapply, onDiscard } = props;
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const clipboard = useClipboard();
  const newer = latest.version > startedFrom;
  const diff = useProfileDiff(newer && startedFrom > 0 ? { from: startedFrom, to: latest.version } : null);
  const labelOf = usePathLabel();
  const changedLabels = [...new Set((diff.data?.changes ?? []).map((c) => labelOf(c.path)))];

  return (
    <div className="conflict notice notice-warning" role="alert">
      <p className="conflict-title">{t('team.conflict.title')}</p>
      {!newer ? (
        <p>{t('team.conflict.checking')}</p>
      ) : loaded ? (
        <p>{t('team.conflict.loaded', { version: latest.version })}</p>
      ) : (
        <p>
          {t('team.conflict.text', {
            version: latest.version,
            author: latest.authorLabel ?? t('team.status.unknownAuthor'),
            date: formatDateTime(latest.savedAt),
            started: startedFrom,
          })}
        </p>
      )}
      {newer && changedLabels.length > 0 ? (
        <p>
          {t('team.conflict.theirChanges')} {changedLabels.join(', ')}
        </p>
      ) : null}
      <div className="form-actions">
        {loaded ? (
          <>
            <Button variant="primary" onClick={onReapply}>
              {t('team.conflict.reapply')}
            </Button>
            <Button onClick={onDiscard}>{t('team.conflict.discard')}</Button>
          </>
        ) : (
          <Button variant="primary" disabled={!newer} onClick={onLoadLatest}>
            {t('team.conflict.load', { version: latest.version })}
          </Button>
        )}
        <Button onClick={() => clipboard.copy(editsJson())}>{t('team.conflict.copy')}</Button>
      </div>
      <p className="secret-status" aria-live="polite">
        {clipboard.status}
      </p>
    </div>
  );
}
