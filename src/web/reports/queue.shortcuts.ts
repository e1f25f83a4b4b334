// Keyboard shortcuts of the triage queue: j/k move the selection, Enter opens it, / focuses the search,
// ? shows the help. They never fire while the user types in a field or holds a modifier, and Enter is
// left to the focused control (link, button) when there is one.
export type QueueShortcut = 'next' | 'previous' | 'open' | 'search' | 'help';

/** What the handler needs of a keydown event (duck-typed so that it is testable without a DOM). */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: unknown;
}

interface ElementLike {
  tagName?: unknown;
  isContentEditable?: unknown;
  type?: unknown;
}

const asElement = (target: unknown): ElementLike | null => (typeof target === 'object' && target !== null ? target : null);
const tagOf = (el: ElementLike | null) => (el && typeof el.tagName === 'string' ? el.tagName.toUpperCase() : '');
const nonTextInputs = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color']);

/** True when keys typed now are text for a field (inputs, text areas, selects, editable content). */
export function isTypingTarget(target: unknown): boolean {
  const el = asElement(target);
  if (!el) return false;
  if (el.isContentEditable === true) return true;
  const tag = tagOf(el);
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return tag === 'INPUT' && !nonTextInputs.has(typeof el.type === 'string' ? el.type.toLowerCase() : 'text');
}

/** True when Enter already means something for the focused element. */
export function isInteractiveTarget(target: unknown): boolean {
  return isTypingTarget(target) || ['A', 'BUTTON', 'INPUT', 'SUMMARY'].includes(tagOf(asElement(target)));
}

export function shortcutFor(event: KeyLike): QueueShortcut | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (isTypingTarget(event.target)) return null;
  switch (event.key) {
    case 'j':
      return 'next';
    case 'k':
      return 'previous';
    case '/':
      return 'search';
    case '?':
      return 'help';
    case 'Enter':
      return isInteractiveTarget(event.target) ? null : 'open';
    default:
      return null;
  }
}

/** The next selected row (-1: none yet); stays within the list. */
export function moveSelection(current: number, count: number, direction: 'next' | 'previous'): number {
  if (count === 0) return -1;
  if (current < 0 || current >= count) return direction === 'next' ? 0 : count - 1;
  return direction === 'next' ? Math.min(current + 1, count - 1) : Math.max(current - 1, 0);
}
