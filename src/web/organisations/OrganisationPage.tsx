// /organisations/:id: an organisation's details, contacts and assets; edit and delete for organisations:manage.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { hasPermission, useSignedInSession } from '#web/auth/auth.queries';
import { Badge } from '#web/ui/Badge';
import { Button } from '#web/ui/Button';
import { ConfirmDialog } from '#web/ui/ConfirmDialog';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { Loading, PageHeader } from '#web/ui/Page';
import { AssetsSection } from './AssetsSection';
import { ContactsSection } from './ContactsSection';
import { OrganisationFormDialog } from './OrganisationFormDialog';
import { criticalityTone } from './organisations.options';
import { useDeleteOrganisation, useOrganisation } from './organisations.queries';

export function OrganisationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const session = useSignedInSession();
  const canManage = hasPermission(session, 'organisations:manage');
  const organisation = useOrganisation(id);
  const remove = useDeleteOrganisation(id);
  const [dialog, setDialog] = useState<'edit' | 'delete' | null>(null);

  if (organisation.isPending) return <Loading />;
  if (organisation.isError) return <ErrorBanner error={organisation.error} />;
  const org = organisation.data;
  const none = <span className="muted">—</span>;

  return (
    <>
      <PageHeader
        title={org.name}
        actions={
          canManage ? (
            <>
              <Button onClick={() => setDialog('edit')}>{t('organisations.page.edit')}</Button>
              <Button variant="danger" onClick={() => setDialog('delete')}>
                {t('organisations.page.delete')}
              </Button>
            </>
          ) : null
        }
      >
        <p className="record-meta">
          <Badge tone="info">{t(`organisations.kind.${org.kind}`)}</Badge>
          {org.criticality ? (
            <Badge tone={criticalityTone(org.criticality)}>{t(`organisations.criticality.${org.criticality}`)}</Badge>
          ) : null}
        </p>
      </PageHeader>
      <section className="panel" aria-label={t('organisations.page.details')}>
        <dl className="details details-columns">
          <dt>{t('organisations.fields.sector')}</dt>
          <dd>{org.sector ?? none}</dd>
          <dt>{t('organisations.fields.country')}</dt>
          <dd>{org.country ?? none}</dd>
          <dt>{t('organisations.fields.services')}</dt>
          <dd>{org.services.length > 0 ? org.services.map((s) => t(`organisations.services.${s}`)).join(', ') : none}</dd>
          <dt>{t('organisations.fields.website')}</dt>
          <dd>{org.website ?? none}</dd>
        </dl>
        {org.notes ? <p className="prewrap">{org.notes}</p> : null}
      </section>
      <ContactsSection organisationId={org.id} contacts={org.contacts} canManage={canManage} />
      <AssetsSection organisationId={org.id} assets={org.assets} canManage={canManage} />
      {dialog === 'edit' ? <OrganisationFormDialog organisation={org} onClose={() => setDialog(null)} /> : null}
      {dialog === 'delete' ? (
        <ConfirmDialog
          title={t('organisations.page.deleteTitle')}
          confirmLabel={t('organisations.page.delete')}
          busy={remove.isPending}
          error={remove.error}
          onClose={() => {
            remove.reset();
            setDialog(null);
          }}
          onConfirm={() => remove.mutate(undefined, { onSuccess: () => void navigate('/organisations') })}
        >
          <p>{t('organisations.page.deleteText', { name: org.name })}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
