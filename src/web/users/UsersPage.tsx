// Administration of accounts: the user table (role, status, two-factor, last sign-in) with
// create, edit, reset-password and reset-TOTP dialogs.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '#shared/users/users.schemas';
import { Badge } from '#web/ui/Badge';
import { Button } from '#web/ui/Button';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFormatDateTime } from '#web/ui/format';
import { Loading, PageHeader } from '#web/ui/Page';
import { Table, type Column } from '#web/ui/Table';
import { UserCreateDialog } from './UserCreateDialog';
import { UserEditDialog } from './UserEditDialog';
import { ResetPasswordDialog, ResetTotpDialog } from './UserResetDialogs';
import { useUsers } from './users.queries';

type DialogState =
  { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'reset-password'; user: User } | { kind: 'reset-totp'; user: User } | null;

function UserStatus({ user }: { user: User }) {
  const { t } = useTranslation();
  if (user.disabled) return <Badge tone="danger">{t('users.status.disabled')}</Badge>;
  if (user.lockedUntil && new Date(user.lockedUntil).getTime() > Date.now()) {
    return <Badge tone="warning">{t('users.status.locked')}</Badge>;
  }
  return <Badge tone="success">{t('users.status.active')}</Badge>;
}

function ActiveDialog({ state, onClose }: { state: DialogState; onClose: () => void }) {
  if (!state) return null;
  switch (state.kind) {
    case 'create':
      return <UserCreateDialog onClose={onClose} />;
    case 'edit':
      return <UserEditDialog user={state.user} onClose={onClose} />;
    case 'reset-password':
      return <ResetPasswordDialog user={state.user} onClose={onClose} />;
    case 'reset-totp':
      return <ResetTotpDialog user={state.user} onClose={onClose} />;
    default: {
      const never: never = state;
      return never;
    }
  }
}

export function UsersPage() {
  const { t } = useTranslation();
  const users = useUsers();
  const formatDateTime = useFormatDateTime();
  const [dialog, setDialog] = useState<DialogState>(null);

  const rowAction = (label: string, user: User, onClick: () => void) => (
    <Button size="sm" variant="ghost" onClick={onClick}>
      {label}
      <span className="visually-hidden"> {user.email}</span>
    </Button>
  );

  const columns: Column<User>[] = [
    { key: 'name', header: t('users.fields.name'), cell: (u) => u.name },
    { key: 'email', header: t('users.fields.email'), cell: (u) => u.email },
    { key: 'role', header: t('users.fields.role'), cell: (u) => <Badge tone="info">{t(`roles.${u.role}`)}</Badge> },
    { key: 'status', header: t('users.table.status'), cell: (u) => <UserStatus user={u} /> },
    {
      key: 'totp',
      header: t('users.table.totp'),
      cell: (u) => (u.totpEnabled ? <Badge tone="success">{t('common.enabled')}</Badge> : <Badge>{t('common.disabled')}</Badge>),
    },
    { key: 'lastLogin', header: t('users.table.lastLogin'), cell: (u) => formatDateTime(u.lastLoginAt), className: 'nowrap' },
    {
      key: 'actions',
      header: t('common.actions'),
      className: 'actions',
      cell: (u) => (
        <div className="row-actions">
          {rowAction(t('users.table.edit'), u, () => setDialog({ kind: 'edit', user: u }))}
          {rowAction(t('users.table.resetPassword'), u, () => setDialog({ kind: 'reset-password', user: u }))}
          {u.totpEnabled ? rowAction(t('users.table.resetTotp'), u, () => setDialog({ kind: 'reset-totp', user: u })) : null}
        </div>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('users.page.title')}
        actions={
          <Button variant="primary" onClick={() => setDialog({ kind: 'create' })}>
            {t('users.page.create')}
          </Button>
        }
      />
      <ErrorBanner error={users.error} />
      {users.isPending ? (
        <Loading />
      ) : (
        <Table
          caption={t('users.page.caption')}
          columns={columns}
          rows={users.data?.items ?? []}
          rowKey={(u) => u.id}
          empty={t('users.page.empty')}
        />
      )}
      <ActiveDialog state={dialog} onClose={() => setDialog(null)} />
    </>
  );
}
