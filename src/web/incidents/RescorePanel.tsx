// Rescoring an incident (new impact and extent, with a reason) with the live score preview, and the
// history of every score: when, who, impact, extent, score, priority and why.
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { Rescore, ScoreEntry, type Incident } from '#shared/incidents/incidents.schemas';
import { Button } from '#web/ui/Button';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFieldErrorText } from '#web/ui/fieldErrors';
import { useFormatDateTime } from '#web/ui/format';
import { applyProblemFields } from '#web/ui/forms';
import { PriorityBadge } from '#web/ui/LabelBadges';
import { Select } from '#web/ui/Select';
import { Table, type Column } from '#web/ui/Table';
import { TextArea } from '#web/ui/TextArea';
import { previewCriticality } from './criticality.preview';
import { CriticalityPreviewView } from './CriticalityPreviewView';
import { useIncidentOptions } from './incidents.options';
import { useRescoreIncident } from './incidents.queries';

type Entry = z.infer<typeof ScoreEntry>;
const fields = ['impact', 'extent', 'reason'] as const;

function RescoreForm({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const options = useIncidentOptions();
  const rescore = useRescoreIncident(incident.id);
  const form = useForm({ resolver: zodResolver(Rescore), defaultValues: { impact: incident.impact, extent: incident.extent, reason: '' } });
  const { errors } = form.formState;
  const [impact, extent] = form.watch(['impact', 'extent']);
  const preview = previewCriticality(impact, extent, incident.constituentCriticality);

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await rescore.mutateAsync(values);
      form.reset({ ...values, reason: '' });
    } catch (error) {
      applyProblemFields(error, form.setError, fields);
    }
  });

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('incidents.rescore.title')}>
      <ErrorBanner error={rescore.error} mappedFields={fields} />
      <div className="field-row">
        <Select
          label={t('incidents.fields.impact')}
          options={options.impact}
          error={fieldError(errors.impact)}
          {...form.register('impact')}
        />
        <Select
          label={t('incidents.fields.extent')}
          options={options.extent}
          error={fieldError(errors.extent)}
          {...form.register('extent')}
        />
      </div>
      <p className="field-hint rescore-hint">{t('incidents.fields.extentHint')}</p>
      <CriticalityPreviewView preview={{ ...preview, assumed: false }} />
      <TextArea label={t('incidents.rescore.reason')} rows={2} error={fieldError(errors.reason)} {...form.register('reason')} />
      <Button type="submit" variant="primary" busy={rescore.isPending}>
        {t('incidents.rescore.submit')}
      </Button>
    </form>
  );
}

export function RescorePanel({ incident, canUpdate }: { incident: Incident; canUpdate: boolean }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const columns: Column<Entry>[] = [
    { key: 'at', header: t('incidents.history.at'), cell: (e) => <time dateTime={e.at}>{formatDateTime(e.at)}</time>, className: 'nowrap' },
    { key: 'who', header: t('incidents.history.who'), cell: (e) => e.actorLabel },
    { key: 'impact', header: t('incidents.fields.impact'), cell: (e) => t(`incidents.impact.${e.impact}`) },
    { key: 'extent', header: t('incidents.fields.extent'), cell: (e) => t(`incidents.extent.${e.extent}`) },
    { key: 'score', header: t('incidents.fields.score'), cell: (e) => e.score, className: 'numeric' },
    { key: 'priority', header: t('incidents.fields.priority'), cell: (e) => <PriorityBadge priority={e.priority} /> },
    { key: 'reason', header: t('incidents.history.reason'), cell: (e) => e.reason, className: 'summary' },
  ];
  return (
    <section className="record-section" aria-labelledby="incident-score">
      <h2 id="incident-score">{t('incidents.rescore.heading')}</h2>
      {canUpdate ? (
        <div className="panel">
          <RescoreForm key={`${incident.impact}-${incident.extent}-${incident.scoreHistory.length}`} incident={incident} />
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
