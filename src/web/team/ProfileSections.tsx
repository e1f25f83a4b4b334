// The profile editor's body, laid out like the published document: RFC 2350 chapters and sections in
// outline order, titled in the UI language, then the sections the outline has no place for.
import { useFieldArray, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Button } from '#web/ui/Button';
import { TextArea } from '#web/ui/TextArea';
import { TextField } from '#web/ui/TextField';
import { editorSections, sectionTitle } from './profile.fields';
import { useTeamErrorText } from './profile.errors';
import type { ProfileFormValues } from './profile.form';
import { ProfileFieldInput } from './ProfileFieldInput';

type EditorSection = (typeof editorSections)[number];

/** Chapters (1 … 7), each with its own fields (6 and 7 have some) and its numbered sections. */
function chapters(): { chapter: EditorSection; sections: EditorSection[] }[] {
  const out: { chapter: EditorSection; sections: EditorSection[] }[] = [];
  for (const entry of editorSections) {
    if (entry.chapter) out.push({ chapter: entry, sections: [] });
    else out.at(-1)?.sections.push(entry);
  }
  return out;
}

export const sectionAnchor = (number: string) => `rfc2350-${number.replace(/\./g, '-')}`;

function Fields({ entry, readOnly }: { entry: EditorSection; readOnly: boolean }) {
  return entry.paths.map((path) => <ProfileFieldInput key={path} path={path} readOnly={readOnly} />);
}

export function ProfileSections({ readOnly }: { readOnly: boolean }) {
  const { i18n } = useTranslation();
  return (
    <>
      {chapters().map(({ chapter, sections }) => (
        <section key={chapter.section.number} className="panel profile-chapter" aria-labelledby={sectionAnchor(chapter.section.number)}>
          <h2 id={sectionAnchor(chapter.section.number)}>
            {chapter.section.number}. {sectionTitle(chapter.section, i18n.language)}
          </h2>
          <Fields entry={chapter} readOnly={readOnly} />
          {sections.map((entry) => (
            <section key={entry.section.number} className="profile-section" aria-labelledby={sectionAnchor(entry.section.number)}>
              <h3 id={sectionAnchor(entry.section.number)}>
                {entry.section.number} {sectionTitle(entry.section, i18n.language)}
              </h3>
              <Fields entry={entry} readOnly={readOnly} />
            </section>
          ))}
        </section>
      ))}
      <ExtraSections readOnly={readOnly} />
    </>
  );
}

function ExtraSections({ readOnly }: { readOnly: boolean }) {
  const { t } = useTranslation();
  const errorText = useTeamErrorText();
  const { control, register, formState } = useFormContext<ProfileFormValues>();
  const extra = useFieldArray({ control, name: 'profile.extraSections' });
  const errors = formState.errors.profile?.extraSections;
  if (readOnly && extra.fields.length === 0) return null;
  return (
    <section className="panel profile-chapter" aria-labelledby="rfc2350-extra">
      <h2 id="rfc2350-extra">{t('team.extra.title')}</h2>
      <p className="muted">{t('team.extra.text')}</p>
      {extra.fields.map((item, index) => (
        <fieldset key={item.id} className="subgroup">
          <legend>{t('team.extra.item', { n: index + 1 })}</legend>
          <div className="field-row field-row-number">
            <TextField
              label={t('team.extra.number')}
              className="field-short"
              error={errorText(errors?.[index]?.number)}
              {...register(`profile.extraSections.${index}.number`)}
            />
            <TextField
              label={t('team.extra.heading')}
              error={errorText(errors?.[index]?.title)}
              {...register(`profile.extraSections.${index}.title`)}
            />
          </div>
          <TextArea
            label={t('team.extra.body')}
            hint={t('team.form.markdown')}
            error={errorText(errors?.[index]?.text)}
            {...register(`profile.extraSections.${index}.text`)}
          />
          {readOnly ? null : (
            <Button size="sm" variant="ghost" onClick={() => extra.remove(index)}>
              {t('team.extra.remove', { n: index + 1 })}
            </Button>
          )}
        </fieldset>
      ))}
      {readOnly ? null : (
        <Button size="sm" onClick={() => extra.append({ number: '', title: '', text: '' })}>
          {t('team.extra.add')}
        </Button>
      )}
    </section>
  );
}
