// Administration of API tokens: the token table (prefix, role, account, dates, state), the create
// dialog and revocation after confirmation.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiToken } from '#shared/tokens/tokens.schemas';
import { Badge } from '#web/ui/Badge';
import { Button } from '#web/ui/Button';
import { ConfirmDialog } from '#web/ui/ConfirmDialog';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFormatDateTime } from '#web/ui/format';
import { Loading, PageHeader } from '#web/ui/Page';
import { Table, type Column } from '#web/ui/Table';
import { TokenCreateDialog } from './TokenCreateDialog';
import { useRevokeToken, useTokens } from './tokens.queries';

type TokenState = 'active' | 'revoked' | 'expired';

function stateOf(token: ApiToken, now: number): TokenState {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= now) return 'expired';
  return 'active';
}

function TokenStateBadge({ state }: { state: TokenState }) {
  const { t } = useTranslation();
  switch (state) {
    case 'active':
      return <Badge tone="success">{t('tokens.state.active')}</Badge>;
    case 'revoked':
      return <Badge tone="danger">{t('tokens.state.revoked')}</Badge>;
    case 'expired':
      return <Badge tone="warning">{t('tokens.state.expired')}</Badge>;
    default: {
      const never: never = state;
      return never;
    }
  }
}

function RevokeDialog({ token, onClose }: { token: ApiToken; onClose: () => void }) {
  const { t } = useTranslation();
  const revoke = useRevokeToken();
  return (
    <ConfirmDialog
      title={t('tokens.revoke.title', { name: token.name })}
      confirmLabel={t('tokens.revoke.submit')}
      busy={revoke.isPending}
      error={revoke.error}
      onClose={onClose}
      onConfirm={() => revoke.mutate(token.id, { onSuccess: onClose })}
    >
      <p>{t('tokens.revoke.text', { prefix: token.prefix })}</p>
    </ConfirmDialog>
  );
}

export function TokensPage() {
  const { t } = useTranslation();
  const tokens = useTokens();
  const formatDateTime = useFormatDateTime();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const now = Date.now();

  const columns: Column<ApiToken>[] = [
    { key: 'name', header: t('tokens.fields.name'), cell: (tk) => tk.name },
    { key: 'prefix', header: t('tokens.table.prefix'), cell: (tk) => <code>{tk.prefix}…</code> },
    { key: 'role', header: t('tokens.fields.role'), cell: (tk) => <Badge tone="info">{t(`roles.${tk.role}`)}</Badge> },
    { key: 'user', header: t('tokens.table.user'), cell: (tk) => tk.userEmail },
    { key: 'created', header: t('tokens.table.created'), cell: (tk) => formatDateTime(tk.createdAt), className: 'nowrap' },
    { key: 'expires', header: t('tokens.table.expires'), cell: (tk) => formatDateTime(tk.expiresAt), className: 'nowrap' },
    { key: 'lastUsed', header: t('tokens.table.lastUsed'), cell: (tk) => formatDateTime(tk.lastUsedAt), className: 'nowrap' },
    { key: 'state', header: t('tokens.table.state'), cell: (tk) => <TokenStateBadge state={stateOf(tk, now)} /> },
    {
      key: 'actions',
      header: t('common.actions'),
      className: 'actions',
      cell: (tk) =>
        tk.revokedAt ? null : (
          <Button size="sm" variant="ghost" onClick={() => setRevoking(tk)}>
            {t('tokens.table.revoke')}
            <span className="visually-hidden"> {tk.name}</span>
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('tokens.page.title')}
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            {t('tokens.page.create')}
          </Button>
        }
      >
        <p className="muted">{t('tokens.page.text')}</p>
      </PageHeader>
      <ErrorBanner error={tokens.error} />
      {tokens.isPending ? (
        <Loading />
      ) : (
        <Table
          caption={t('tokens.page.caption')}
          columns={columns}
          rows={tokens.data?.items ?? []}
          rowKey={(tk) => tk.id}
          empty={t('tokens.page.empty')}
        />
      )}
      {creating ? <TokenCreateDialog onClose={() => setCreating(false)} /> : null}
      {revoking ? <RevokeDialog token={revoking} onClose={() => setRevoking(null)} /> : null}
    </>
  );
}
