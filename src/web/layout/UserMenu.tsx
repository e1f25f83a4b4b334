// The user menu in the header: a disclosure button (name and role) opening a panel with the account
// link, the language switch and sign-out. Escape or leaving the panel closes it.
import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLogout, useSignedInSession } from '#web/auth/auth.queries';
import { Button } from '#web/ui/Button';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { LanguageSwitch } from './LanguageSwitch';

export function UserMenu() {
  const { t } = useTranslation();
  const { user } = useSignedInSession();
  const logout = useLogout();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return undefined;
    const onPointerDown = (event: PointerEvent) => {
      if (event.target instanceof Node && !rootRef.current?.contains(event.target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open) return;
    event.stopPropagation();
    setOpen(false);
    buttonRef.current?.focus();
  };

  const onBlur = (event: FocusEvent) => {
    if (event.relatedTarget instanceof Node && !rootRef.current?.contains(event.relatedTarget)) setOpen(false);
  };

  return (
    <div className="user-menu" ref={rootRef} onKeyDown={onKeyDown} onBlur={onBlur}>
      <button
        ref={buttonRef}
        type="button"
        className="user-menu-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="visually-hidden">{t('layout.userMenu.button')}: </span>
        <span className="user-menu-name">{user.name}</span>
        <span className="user-menu-role">{t(`roles.${user.role}`)}</span>
        <span aria-hidden="true" className="user-menu-caret">
          ▾
        </span>
      </button>
      <div id={panelId} className="user-menu-panel" hidden={!open}>
        <p className="user-menu-identity">
          <strong>{user.name}</strong>
          <span>{user.email}</span>
        </p>
        <Link to="/account" className="user-menu-link" onClick={() => setOpen(false)}>
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
