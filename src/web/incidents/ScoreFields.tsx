// The impact and extent selects of an incident form with the live score and priority they give for the
// organisation's criticality (the default, said to be assumed, when unknown). Read inside the form's
// <FormProvider>; `children` stand between the selects and the preview.
import type { ReactNode } from 'react';
import { useFormContext, useFormState, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { ConstituentCriticality, IncidentExtent, IncidentImpact } from '#shared/incidents/criticality';
import { useFieldErrorText } from '#web/ui/fieldErrors';
import { Select } from '#web/ui/Select';
import { previewCriticality } from './criticality.preview';
import { CriticalityPreviewView } from './CriticalityPreviewView';
import { useIncidentOptions } from './incidents.options';

export interface ScoreFieldValues {
  impact: IncidentImpact;
  extent: IncidentExtent;
}

export interface ScoreFieldsProps {
  constituentCriticality: ConstituentCriticality | null | undefined;
  children?: ReactNode;
}

export function ScoreFields({ constituentCriticality, children }: ScoreFieldsProps) {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const options = useIncidentOptions();
  const { control, register } = useFormContext<ScoreFieldValues>();
  const { errors } = useFormState({ control });
  const [impact, extent] = useWatch({ control, name: ['impact', 'extent'] });

  return (
    <>
      <div className="field-row">
        <Select label={t('incidents.fields.impact')} options={options.impact} error={fieldError(errors.impact)} {...register('impact')} />
        <Select label={t('incidents.fields.extent')} options={options.extent} error={fieldError(errors.extent)} {...register('extent')} />
      </div>
      {children}
      <CriticalityPreviewView preview={previewCriticality(impact, extent, constituentCriticality)} />
    </>
  );
}
