// Queue shortcuts: the keys map to actions, typing in fields and modified keys are left alone, Enter
// only opens when no control has focus, and the selection stays within the list.
import { isTypingTarget, moveSelection, shortcutFor, type KeyLike } from './queue.shortcuts';

const body = { tagName: 'BODY', isContentEditable: false };
const key = (k: string, target: unknown = body, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target,
  ...mods,
});

describe('shortcutFor', () => {
  it('maps j, k, /, ? and Enter on the page', () => {
    expect(['j', 'k', '/', '?', 'Enter'].map((k) => shortcutFor(key(k)))).toEqual(['next', 'previous', 'search', 'help', 'open']);
    expect(shortcutFor(key('x'))).toBeNull();
  });

  it('does not hijack keys typed into fields', () => {
    for (const target of [
      { tagName: 'INPUT', type: 'search' },
      { tagName: 'input' },
      { tagName: 'TEXTAREA' },
      { tagName: 'SELECT' },
      { tagName: 'DIV', isContentEditable: true },
    ]) {
      expect(shortcutFor(key('j', target))).toBeNull();
      expect(shortcutFor(key('/', target))).toBeNull();
    }
    expect(shortcutFor(key('j', { tagName: 'INPUT', type: 'checkbox' }))).toBe('next');
  });

  it('ignores keys with Ctrl, Cmd or Alt', () => {
    expect(shortcutFor(key('k', body, { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(key('j', body, { metaKey: true }))).toBeNull();
    expect(shortcutFor(key('/', body, { altKey: true }))).toBeNull();
  });

  it('leaves Enter to a focused link or button', () => {
    expect(shortcutFor(key('Enter', { tagName: 'A' }))).toBeNull();
    expect(shortcutFor(key('Enter', { tagName: 'BUTTON' }))).toBeNull();
  });

  it('knows what typing targets are', () => {
    expect(isTypingTarget(null)).toBe(false);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'email' })).toBe(true);
  });
});

describe('moveSelection', () => {
  it('starts at the first or last row and stays within the list', () => {
    expect(moveSelection(-1, 3, 'next')).toBe(0);
    expect(moveSelection(-1, 3, 'previous')).toBe(2);
    expect(moveSelection(2, 3, 'next')).toBe(2);
    expect(moveSelection(0, 3, 'previous')).toBe(0);
    expect(moveSelection(1, 3, 'next')).toBe(2);
    expect(moveSelection(5, 0, 'next')).toBe(-1);
  });
});
