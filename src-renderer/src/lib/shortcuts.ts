// Global keyboard shortcuts: which action a key press asks for, wherever focus is.
import { screenForShortcut, type ScreenId } from '$shared/screens';

export type ShortcutAction = { kind: 'screen'; screen: ScreenId } | { kind: 'search' } | { kind: 'help' };

interface KeyPress {
  key: string;
  code?: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  /** True when focus is in a text field, where "/" and "?" are text, not commands. */
  inTextField: boolean;
}

export function shortcutFor(press: KeyPress): ShortcutAction | null {
  if (press.altKey && !press.ctrlKey && !press.metaKey) {
    // Alt+digit: on some layouts key is a symbol, so fall back to the physical key code.
    const digit = /^\d$/.test(press.key) ? press.key : press.code?.replace(/^Digit/, '');
    const screen = digit ? screenForShortcut(digit) : undefined;
    if (screen) return { kind: 'screen', screen: screen.id };
  }
  if ((press.ctrlKey || press.metaKey) && press.key.toLowerCase() === 'k') return { kind: 'search' };
  if (press.inTextField || press.altKey || press.ctrlKey || press.metaKey) return null;
  if (press.key === '/') return { kind: 'search' };
  if (press.key === '?') return { kind: 'help' };
  return null;
}

/** The key that moves to "quantity for the next scan" at a bench: ×, or * or x on a keyboard without ×. */
export function isQuantityKey(key: string): boolean {
  return key === '×' || key === '*' || key === 'x';
}

export function isTextField(element: Element | null): boolean {
  if (!element) return false;
  const tag = element.tagName;
  return (
    tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (element as HTMLElement).isContentEditable
  );
}
