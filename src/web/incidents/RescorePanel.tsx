// Rescoring an incident (new impact, extent or urgency, with a reason) with the live score preview, and the
// history of every score: when, who, impact, extent, urgency, score, priority and why.
import { zodResolver } from '@hookform/resolvers/zod';
import { FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { Rescore, ScoreEntry, type Incident } from '#shared/incidents/incidents.schemas';
import { Button } from '#web/ui/Button';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFieldErrorText } from '#web/ui/fieldErrors';
import { useFormatDateTime } from '#web/ui/format';
import { useMessageText } from '#web/ui/messages';
import { submitMapped } from '#web/ui/forms';
import { PriorityBadge } from '#web/ui/LabelBadges';
import { Table, type Column } from '#web/ui/Table';
import { TextArea } from '#web/ui/TextArea';
import { useRescoreIncident } from './incidents.queries';
import { ScoreFields } from './ScoreFields';

type Entry = z.infer<typeof ScoreEntry>;
const fields = ['impact', 'extent', 'urgent', 'reason'] as const;

function RescoreForm({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const rescore = useRescoreIncident(incident.id);
  const form = useForm({
    resolver: zodResolver(Rescore),
    defaultValues: { impact: incident.impact, extent: incident.extent, urgent: incident.urgent, reason: '' },
  });
  const { errors } = form.formState;

  const onSubmit = submitMapped(form, fields, async (values) => {
    await rescore.mutateAsync(values);
    form.reset({ ...values, reason: '' });
  });

  return (
    <FormProvider {...form}>
      <form onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('incidents.rescore.title')}>
        <ErrorBanner error={rescore.error} mappedFields={fields} />
        <ScoreFields constituentCriticality={incident.constituentCriticality}>
          <p className="field-hint rescore-hint">{t('incidents.fields.extentHint')}</p>
        </ScoreFields>
        <TextArea label={t('incidents.rescore.reason')} rows={2} error={fieldError(errors.reason)} {...form.register('reason')} />
        <Button type="submit" variant="primary" busy={rescore.isPending}>
          {t('incidents.rescore.submit')}
        </Button>
      </form>
    </FormProvider>
  );
}

export function RescorePanel({ incident, canUpdate }: { incident: Incident; canUpdate: boolean }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const messageText = useMessageText();
  const columns: Column<Entry>[] = [
    { key: 'at', header: t('incidents.history.at'), cell: (e) => <time dateTime={e.at}>{formatDateTime(e.at)}</time>, className: 'nowrap' },
    { key: 'who', header: t('incidents.history.who'), cell: (e) => e.actorLabel },
    { key: 'impact', header: t('incidents.fields.impact'), cell: (e) => t(`incidents.impact.${e.impact}`) },
    { key: 'extent', header: t('incidents.fields.extent'), cell: (e) => t(`incidents.extent.${e.extent}`) },
    {
      key: 'urgent',
      header: t('incidents.urgency.field'),
      cell: (e) => t(e.urgent ? 'incidents.urgency.urgent' : 'incidents.urgency.notUrgent'),
    },
    { key: 'score', header: t('incidents.fields.score'), cell: (e) => e.score, className: 'numeric' },
    { key: 'priority', header: t('incidents.fields.priority'), cell: (e) => <PriorityBadge priority={e.priority} /> },
    {
      key: 'reason',
      header: t('incidents.history.reason'),
      cell: (e) => messageText({ key: e.reasonKey, params: e.reasonParams, fallback: e.reason }),
      className: 'summary',
    },
  ];
  return (
    <section className="record-section" aria-labelledby="incident-score">
      <h2 id="incident-score">{t('incidents.rescore.heading')}</h2>
      {canUpdate ? (
        <div className="panel">
          <RescoreForm
            key={`${incident.impact}-${incident.extent}-${incident.urgent}-${incident.scoreHistory.length}`}
            incident={incident}
          />
        </div>
      ) : null}
      <Table
        caption={t('incidents.history.caption')}
        columns={columns}
        rows={[...incident.scoreHistory].sort((a, b) => Date.parse(b.at) - Date.parse(a.at))}
        rowKey={(e) => `${e.at}-${e.score}-${e.reason}`}
        empty={t('incidents.history.empty')}
      />
    </section>
  );
}
