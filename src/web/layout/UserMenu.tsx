// The user menu in the header: a disclosure button (name and role) opening a panel with the account
// link, the language switch and sign-out. Escape or leaving the panel closes it.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLogout, useSignedInSession } from '#web/auth/auth.queries';
import { Button } from '#web/ui/Button';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { usePopover } from '#web/ui/usePopover';
import { LanguageSwitch } from './LanguageSwitch';

export function UserMenu() {
  const { t } = useTranslation();
  const { user } = useSignedInSession();
  const logout = useLogout();
  const popover = usePopover();

  return (
    <div className="user-menu" {...popover.rootProps}>
      <button className="user-menu-button" {...popover.buttonProps}>
        <span className="visually-hidden">{t('layout.userMenu.button')}: </span>
        <span className="user-menu-name">{user.name}</span>
        <span className="user-menu-role">{t(`roles.${user.role}`)}</span>
        <span aria-hidden="true" className="user-menu-caret">
          ▾
        </span>
      </button>
      <div className="user-menu-panel" {...popover.panelProps}>
        <p className="user-menu-identity">
          <strong>{user.name}</strong>
          <span>{user.email}</span>
        </p>
        <Link to="/account" className="user-menu-link" onClick={popover.close}>
          {t('layout.userMenu.account')}
        </Link>
        <LanguageSwitch className="user-menu-language" />
        <ErrorBanner error={logout.error} />
        <Button variant="secondary" className="user-menu-logout" busy={logout.isPending} onClick={() => logout.mutate()}>
          {t('layout.userMenu.logout')}
        </Button>
      </div>
    </div>
  );
}
