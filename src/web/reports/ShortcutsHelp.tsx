// The "Keyboard shortcuts" disclosure of the triage queue: a button (the page also toggles it with "?"
// and closes it with Escape) and the list of keys.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '#web/ui/Button';

export function ShortcutsHelp({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  const panelId = useId();
  const keys = [
    { keys: ['j', 'k'], text: t('reports.shortcuts.move') },
    { keys: ['Enter'], text: t('reports.shortcuts.open') },
    { keys: ['/'], text: t('reports.shortcuts.search') },
    { keys: ['?'], text: t('reports.shortcuts.help') },
  ];
  return (
    <div className="shortcuts">
      <Button size="sm" variant="ghost" aria-expanded={open} aria-controls={panelId} aria-keyshortcuts="?" onClick={onToggle}>
        {t('reports.shortcuts.title')}
      </Button>
      <div id={panelId} className="shortcuts-panel" hidden={!open}>
        <p className="muted">{t('reports.shortcuts.text')}</p>
        <dl className="shortcut-list">
          {keys.map((k) => (
            <div key={k.text}>
              <dt>
                {k.keys.map((key, i) => (
                  <span key={key}>
                    {i > 0 ? ' / ' : null}
                    <kbd>{key}</kbd>
                  </span>
                ))}
              </dt>
              <dd>{k.text}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}
