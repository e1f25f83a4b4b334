// Unsaved edits are never lost silently: every long form declares its dirty state with
// `useUnsavedChangesPrompt(isDirty)`; one guard (in RootLayout) blocks in-app navigation to another page
// with an accessible dialog while any form is dirty, and the browser's own prompt covers tab close/reload.
import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker, type BlockerFunction } from 'react-router';
import { Button } from './Button';
import { Dialog, DialogActions } from './Dialog';

// Why a module-level registry rather than one blocker per form: react-router supports one blocker at a
// time, and a page may hold several forms (a panel and a dialog); the guard asks "is anything dirty?".
const dirtyForms = new Set<string>();

export const hasUnsavedChanges = (): boolean => dirtyForms.size > 0;

const onBeforeUnload = (event: BeforeUnloadEvent) => {
  if (!hasUnsavedChanges()) return;
  event.preventDefault();
  event.returnValue = ''; // older browsers show their prompt only when returnValue is set
};

export interface UnsavedChanges {
  /** Marks this form clean at once: call it after a successful save, right before navigating away. */
  release(): void;
}

/** Declares a form's dirty state; while true, leaving the page (in the app or by closing the tab) asks first. */
export function useUnsavedChangesPrompt(isDirty: boolean): UnsavedChanges {
  const id = useId();
  useEffect(() => {
    if (!isDirty) return undefined;
    dirtyForms.add(id);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      dirtyForms.delete(id);
      if (!hasUnsavedChanges()) window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [id, isDirty]);
  return {
    release: () => {
      dirtyForms.delete(id);
      if (!hasUnsavedChanges()) window.removeEventListener('beforeunload', onBeforeUnload);
    },
  };
}

// Staying on the same page (a filter or a tab in the query string) keeps the form mounted: nothing is lost.
const leavesPage: BlockerFunction = ({ currentLocation, nextLocation }) =>
  hasUnsavedChanges() && currentLocation.pathname !== nextLocation.pathname;

/** The one in-app prompt: cancelling keeps the edits, confirming leaves and drops them. */
export function UnsavedChangesGuard() {
  const { t } = useTranslation();
  const blocker = useBlocker(leavesPage);
  if (blocker.state !== 'blocked') return null;
  return (
    <Dialog title={t('common.unsaved.title')} onClose={() => blocker.reset()} size="sm">
      <p>{t('common.unsaved.text')}</p>
      <DialogActions>
        <Button onClick={() => blocker.reset()} autoFocus>
          {t('common.unsaved.stay')}
        </Button>
        <Button
          variant="danger"
          onClick={() => {
            dirtyForms.clear();
            window.removeEventListener('beforeunload', onBeforeUnload);
            blocker.proceed();
          }}
        >
          {t('common.unsaved.leave')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
