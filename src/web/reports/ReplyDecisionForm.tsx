// "Not an incident" / "Out of constituency": a note for the team and a reply shown to the reporter on
// the tracking page (for out of constituency: where to report instead).
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { TriageDecision } from '#shared/incidents/incidents.schemas';
import { Button } from '#web/ui/Button';
import { useFieldErrorText } from '#web/ui/fieldErrors';
import { submitMapped } from '#web/ui/forms';
import { TextArea } from '#web/ui/TextArea';

const ReplyForm = TriageDecision.pick({ note: true, publicReply: true });
const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);

export interface ReplyDecisionFormProps {
  kind: 'not-incident' | 'out-of-constituency';
  busy: boolean;
  onConfirm: (note: string | undefined, publicReply: string | undefined) => Promise<void>;
  onCancel: () => void;
}

export function ReplyDecisionForm({ kind, busy, onConfirm, onCancel }: ReplyDecisionFormProps) {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const form = useForm({ resolver: zodResolver(ReplyForm), defaultValues: { note: undefined, publicReply: undefined } });
  const { errors } = form.formState;

  const onSubmit = submitMapped(form, ['note', 'publicReply'], async ({ note, publicReply }) => {
    await onConfirm(note, publicReply);
  });

  return (
    <form className="triage-form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <TextArea
        label={t('reports.triage.publicReply')}
        rows={4}
        hint={t(kind === 'out-of-constituency' ? 'reports.triage.publicReplyOutHint' : 'reports.triage.publicReplyHint')}
        error={fieldError(errors.publicReply)}
        {...form.register('publicReply', { setValueAs: emptyToUndefined })}
      />
      <TextArea
        label={t('reports.triage.note')}
        rows={2}
        hint={t('reports.triage.noteHint')}
        error={fieldError(errors.note)}
        {...form.register('note', { setValueAs: emptyToUndefined })}
      />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={busy}>
          {t('reports.triage.confirm')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </div>
    </form>
  );
}
