// The profile editor: one form over the RFC 2350 sections and the operating hours, saved as a new version
// from the version it started from (`baseVersion`); a 409 keeps the edits (see ConflictNotice). Imports
// pre-fill the form without saving. The side panels show status, the team key and publication.
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { FormProvider, useForm, type FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportResult, ProfileState } from '#shared/team/team.schemas';
import { ApiError } from '#web/api';
import { Button } from '#web/ui/Button';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { fieldNameOf } from '#web/ui/forms';
import { PageHeader } from '#web/ui/Page';
import { TextField } from '#web/ui/TextField';
import { useUnsavedChangesPrompt } from '#web/ui/UnsavedChanges';
import { ConflictNotice } from './ConflictNotice';
import { HoursEditor, TimeZoneList } from './HoursEditor';
import { ImportDialog } from './ImportDialog';
import {
  fromDraft,
  fromState,
  mergeImported,
  ProfileEditor as EditorSchema,
  rebase,
  toDraftInput,
  type ProfileFormValues,
} from './profile.form';
import { toHours } from './hours.form';
import { ProfileSections } from './ProfileSections';
import { ProfileStatus } from './ProfileStatus';
import { PublishPanel } from './PublishPanel';
import { TeamKeyPanel } from './TeamKeyPanel';
import { useRefreshProfile, useSaveProfile } from './team.queries';

export interface ProfileEditorProps {
  latest: ProfileState;
  can: { edit: boolean; publish: boolean; keys: boolean };
}

type Conflict = { started: ProfileFormValues; mine: ProfileFormValues; loaded: boolean };

// Why a prefix check is enough: setError on a path without an input only stores an error nobody shows.
const isFormPath = (name: string): name is FieldPath<ProfileFormValues> => /^(profile|hours)\.|^note$/.test(name);

const mappedFields = (error: unknown): string[] =>
  error instanceof ApiError ? error.fields.map((f) => fieldNameOf(f.path)).filter(isFormPath) : [];

export function ProfileEditor({ latest, can }: ProfileEditorProps) {
  const { t } = useTranslation();
  const save = useSaveProfile();
  const refresh = useRefreshProfile();
  const [base, setBase] = useState(latest);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [notice, setNotice] = useState<'saved' | 'imported' | null>(null);
  const [importing, setImporting] = useState(false);
  // The resolver validates with the shared ProfileSave contract and hands onSubmit the pruned body.
  const form = useForm({ resolver: zodResolver(EditorSchema), defaultValues: fromState(latest) });
  const { isDirty } = form.formState;
  const readOnly = !can.edit;
  // Typed edits and an import's pre-fill both make the form dirty: leaving asks first.
  useUnsavedChangesPrompt(isDirty);

  // A version saved elsewhere while this form is untouched simply replaces it.
  useEffect(() => {
    if (latest.version > base.version && !isDirty && !conflict) {
      setBase(latest);
      form.reset(fromState(latest));
    }
  }, [latest, base.version, isDirty, conflict, form]);

  const onSubmit = form.handleSubmit(async (body) => {
    setNotice(null);
    try {
      const next = await save.mutateAsync({ baseVersion: base.version, ...body });
      setBase(next);
      setConflict(null);
      form.reset(fromState(next));
      setNotice('saved');
    } catch (error) {
      if (error instanceof ApiError && error.is('profile-conflict')) {
        setConflict({ started: fromState(base), mine: form.getValues(), loaded: false });
        await refresh();
        return;
      }
      if (!(error instanceof ApiError)) return;
      for (const field of error.fields) {
        const name = fieldNameOf(field.path);
        if (isFormPath(name)) form.setError(name, { type: 'server', message: field.message }, { shouldFocus: true });
      }
    }
  });

  const applyImport = (result: ImportResult) => {
    const current = form.getValues();
    form.reset({ ...current, profile: mergeImported(current.profile, fromDraft(result.profile)) }, { keepDefaultValues: true });
    setImporting(false);
    setNotice('imported');
  };

  const contact = latest.profile.contact;
  return (
    <>
      <PageHeader
        title={t('team.page.title')}
        actions={
          <>
            {can.edit ? <Button onClick={() => setImporting(true)}>{t('team.import.open')}</Button> : null}
            <Link className="btn btn-secondary" to="/team/profile/versions">
              {t('team.page.versions')}
            </Link>
          </>
        }
      >
        <p className="muted">{t('team.page.text')}</p>
      </PageHeader>
      {readOnly ? <p className="notice notice-info">{t('team.page.readOnly')}</p> : null}
      {conflict ? (
        <ConflictNotice
          startedFrom={base.version}
          latest={latest}
          loaded={conflict.loaded}
          editsJson={() => JSON.stringify({ profile: toDraftInput(conflict.mine.profile), hours: toHours(conflict.mine.hours) }, null, 2)}
          onLoadLatest={() => {
            setBase(latest);
            form.reset(fromState(latest));
            setConflict({ ...conflict, loaded: true });
          }}
          onReapply={() => {
            form.reset(rebase(conflict.started, conflict.mine, fromState(latest)), { keepDefaultValues: true });
            setConflict(null);
          }}
          onDiscard={() => setConflict(null)}
        />
      ) : null}
      {notice === 'imported' ? (
        <p className="notice notice-info" role="status">
          {t('team.import.applied')}
        </p>
      ) : null}
      <div className="team-layout">
        <FormProvider {...form}>
          <form className="profile-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('team.page.formLabel')}>
            <TimeZoneList />
            <fieldset className="profile-fieldset" disabled={readOnly}>
              <ProfileSections readOnly={readOnly} />
              <HoursEditor readOnly={readOnly} />
            </fieldset>
            {readOnly ? null : (
              <div className="save-bar">
                <TextField label={t('team.form.note')} className="save-note" maxLength={500} {...form.register('note')} />
                <Button type="submit" variant="primary" busy={save.isPending}>
                  {t('team.form.save')}
                </Button>
                <p className="save-status" aria-live="polite">
                  {isDirty ? t('team.form.unsaved') : notice === 'saved' ? t('team.form.saved', { version: base.version }) : ''}
                </p>
              </div>
            )}
            {save.error && !(save.error instanceof ApiError && save.error.is('profile-conflict')) ? (
              <ErrorBanner error={save.error} mappedFields={mappedFields(save.error)} />
            ) : null}
          </form>
        </FormProvider>
        <aside className="team-side" aria-label={t('team.page.sideLabel')}>
          <ProfileStatus state={latest} />
          <TeamKeyPanel canManage={can.keys} defaults={{ name: contact?.fullName ?? contact?.shortName, email: contact?.email }} />
          {can.publish ? <PublishPanel savedVersion={latest.version} unsaved={isDirty} /> : null}
        </aside>
      </div>
      {importing ? <ImportDialog onClose={() => setImporting(false)} onApply={applyImport} /> : null}
    </>
  );
}
