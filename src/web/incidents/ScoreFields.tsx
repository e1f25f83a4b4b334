// The impact and extent selects and the urgent checkbox of an incident form, with the live score and priority
// they give for the organisation's criticality (the default, said to be assumed, when unknown) and why.
// Read inside the form's <FormProvider>; `children` stand between the inputs and the preview.
import type { ReactNode } from 'react';
import { useFormContext, useFormState, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { ConstituentCriticality, IncidentExtent, IncidentImpact } from '#shared/incidents/criticality';
import { Checkbox } from '#web/ui/Checkbox';
import { useFieldErrorText } from '#web/ui/fieldErrors';
import { Select } from '#web/ui/Select';
import { previewCriticality } from './criticality.preview';
import { CriticalityPreviewView } from './CriticalityPreviewView';
import { useIncidentOptions } from './incidents.options';

export interface ScoreFieldValues {
  impact: IncidentImpact;
  extent: IncidentExtent;
  urgent?: boolean | undefined;
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
  const [impact, extent, urgent] = useWatch({ control, name: ['impact', 'extent', 'urgent'] });

  return (
    <>
      <div className="field-row">
        <Select label={t('incidents.fields.impact')} options={options.impact} error={fieldError(errors.impact)} {...register('impact')} />
        <Select label={t('incidents.fields.extent')} options={options.extent} error={fieldError(errors.extent)} {...register('extent')} />
      </div>
      <Checkbox label={t('incidents.urgency.field')} hint={t('incidents.urgency.hint')} {...register('urgent')} />
      {children}
      <CriticalityPreviewView preview={previewCriticality(impact, extent, constituentCriticality, urgent ?? false)} />
    </>
  );
}
