// Links to the published pages (server pages, not app routes: plain <a>, opened as documents).
import { useTranslation } from 'react-i18next';
import type { PublicationSummary } from '#shared/team/team.schemas';

const order = ['html', 'text', 'markdown', 'signature', 'key', 'securityTxt'] as const;

export function PublicLinks({ urls }: { urls: PublicationSummary['urls'] }) {
  const { t } = useTranslation();
  return (
    <ul className="public-links">
      {order.map((kind) => (
        <li key={kind}>
          <a href={urls[kind]}>{t(`team.links.${kind}`)}</a>
        </li>
      ))}
    </ul>
  );
}
