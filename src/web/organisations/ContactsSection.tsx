// An organisation's contacts: name, role, e-mail, telephones, OpenPGP fingerprint (groups of four) with a
// badge when the key expires soon, has expired or was revoked; add and remove for organisations:manage.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '#shared/organisations/organisations.schemas';
import { formatFingerprint } from '#web/team/team.format';
import { Badge, type BadgeTone } from '#web/ui/Badge';
import { Button } from '#web/ui/Button';
import { ConfirmDialog } from '#web/ui/ConfirmDialog';
import { useFormatDateTime } from '#web/ui/format';
import { PagedTable } from '#web/ui/PagedTable';
import type { Column } from '#web/ui/Table';
import { ContactDialog } from './ContactDialog';
import { useRemoveContact } from './organisations.queries';

const pgpTone: Record<Exclude<Contact['pgpStatus'], 'none'>, BadgeTone> = {
  ok: 'success',
  expiring: 'warning',
  expired: 'danger',
  revoked: 'danger',
};

function PgpCell({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  if (!contact.pgpFingerprint || contact.pgpStatus === 'none') return <span className="muted">{t('organisations.contacts.noKey')}</span>;
  return (
    <div className="pgp-cell">
      <code className="fingerprint">{formatFingerprint(contact.pgpFingerprint)}</code>
      <span>
        <Badge tone={pgpTone[contact.pgpStatus]}>{t(`organisations.pgpStatus.${contact.pgpStatus}`)}</Badge>{' '}
        {contact.pgpExpiresAt ? (
          <span className="muted">{t('organisations.contacts.expires', { when: formatDateTime(contact.pgpExpiresAt) })}</span>
        ) : null}
      </span>
    </div>
  );
}

export function ContactsSection({
  organisationId,
  contacts,
  canManage,
}: {
  organisationId: string;
  contacts: readonly Contact[];
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const remove = useRemoveContact(organisationId);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Contact | null>(null);

  const columns: Column<Contact>[] = [
    { key: 'name', header: t('organisations.contacts.name'), cell: (c) => c.name },
    { key: 'role', header: t('organisations.contacts.role'), cell: (c) => c.role ?? '' },
    { key: 'email', header: t('organisations.contacts.email'), cell: (c) => c.email ?? '' },
    { key: 'phones', header: t('organisations.contacts.phones'), cell: (c) => c.phones.join(', '), className: 'nowrap' },
    { key: 'pgp', header: t('organisations.contacts.pgp'), cell: (c) => <PgpCell contact={c} /> },
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      header: t('common.actions'),
      className: 'actions',
      cell: (c) => (
        <Button size="sm" variant="ghost" onClick={() => setRemoving(c)}>
          {t('organisations.contacts.remove')}
          <span className="visually-hidden"> {c.name}</span>
        </Button>
      ),
    });
  }

  return (
    <section className="record-section" aria-labelledby="org-contacts">
      <div className="section-header">
        <h2 id="org-contacts">{t('organisations.contacts.title')}</h2>
        {canManage ? <Button onClick={() => setAdding(true)}>{t('organisations.contacts.addTitle')}</Button> : null}
      </div>
      <PagedTable
        caption={t('organisations.contacts.title')}
        filterText={(c) => [c.name, c.role, c.email, c.pgpFingerprint].filter(Boolean).join(' ')}
        columns={columns}
        rows={contacts}
        rowKey={(c) => c.id}
        empty={t('organisations.contacts.empty')}
      />
      {adding ? <ContactDialog organisationId={organisationId} onClose={() => setAdding(false)} /> : null}
      {removing ? (
        <ConfirmDialog
          title={t('organisations.contacts.removeTitle')}
          confirmLabel={t('organisations.contacts.remove')}
          busy={remove.isPending}
          error={remove.error}
          onClose={() => {
            remove.reset();
            setRemoving(null);
          }}
          onConfirm={() => remove.mutate(removing.id, { onSuccess: () => setRemoving(null) })}
        >
          <p>{t('organisations.contacts.removeText', { name: removing.name })}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
