// A list of profile fields that a publication lacks (or a problem names), each a link that moves focus
// to its input in the editor; the server's message is shown unless it only says "required".
import { useTranslation } from 'react-i18next';
import type { ProblemField } from '#shared/problems';
import { fieldDomId, fieldRefsOf, focusField } from './profile.fields';

export function MissingFields({ fields, labelledBy }: { fields: readonly ProblemField[]; labelledBy?: string }) {
  const { t } = useTranslation();
  const refs = fields.flatMap((f) => fieldRefsOf(f.path, f.message));
  const unique = refs.filter((ref, index) => refs.findIndex((other) => other.formPath === ref.formPath) === index);
  return (
    <ul className="missing-list" aria-labelledby={labelledBy}>
      {unique.map((ref) => {
        const label = ref.field ? t(`team.fields.${ref.field}`) : ref.formPath;
        const required = /received undefined$|^Required$/.test(ref.message);
        return (
          <li key={ref.formPath}>
            <a
              href={`#${fieldDomId(ref.formPath)}`}
              onClick={(event) => {
                event.preventDefault();
                focusField(ref.formPath);
              }}
            >
              {label}
            </a>
            {required ? null : <span className="muted"> — {ref.message}</span>}
          </li>
        );
      })}
    </ul>
  );
}
