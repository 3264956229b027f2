import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS } from '$shared/bridge';
import { menuAction } from './menuCommands';
import { SCREENS } from '$shared/screens';
import { shortcutFor } from './shortcuts';

describe('menuAction', () => {
  it('opens every screen from its menu command, in the same order as the navigation', () => {
    const screenCommands = MENU_COMMANDS.filter((command) => command.startsWith('screen.'));
    expect(screenCommands.map((command) => menuAction(command))).toEqual(
      SCREENS.map((screen) => ({ kind: 'screen', screen: screen.id })),
    );
  });

  it('does what the matching keyboard shortcut does, so menu and keys never disagree', () => {
    for (const screen of SCREENS) {
      const press = {
        key: screen.shortcut,
        altKey: true,
        ctrlKey: false,
        metaKey: false,
        inTextField: false,
      };
      expect(menuAction(`screen.${screen.id}`)).toEqual(shortcutFor(press));
    }
    const find = { key: 'k', altKey: false, ctrlKey: true, metaKey: false, inTextField: false };
    expect(menuAction('edit.find')).toEqual(shortcutFor(find));
    const help = { key: '?', altKey: false, ctrlKey: false, metaKey: false, inTextField: false };
    expect(menuAction('help.shortcuts')).toEqual(shortcutFor(help));
  });

  it('asks for the export and backup flows from the File menu', () => {
    expect(menuAction('file.export')).toEqual({ kind: 'export' });
    expect(menuAction('file.backup')).toEqual({ kind: 'backup' });
  });

  it('has an action for every command the menu can send', () => {
    for (const command of MENU_COMMANDS) expect(menuAction(command)).toHaveProperty('kind');
  });
});
