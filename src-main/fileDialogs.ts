// Saving and opening files for the window: the user picks the place in the OS dialog, the window
// only suggests a name or the file types, and sizes are capped both ways.
import { dialog, type BrowserWindow, type FileFilter } from 'electron';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  MAX_OPEN_TEXT_BYTES,
  megabytes,
  type OpenTextFileRequest,
  type SaveFileRequest,
} from './bridgeSchemas';

/** Asks where to save, then writes the data there. False when the user cancels. */
export async function saveFile(parent: BrowserWindow | null, request: SaveFileRequest): Promise<boolean> {
  const options = { defaultPath: request.suggestedName };
  const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return false;
  try {
    await writeFile(choice.filePath, request.data);
  } catch (error) {
    throw new Error(
      `Could not save ${basename(choice.filePath)}: ${(error as Error).message}. Choose another folder or check that the disk is not full.`,
      { cause: error },
    );
  }
  return true;
}

// MIME types an <input accept> may list, as the extensions the OS dialog filters by.
const MIME_EXTENSIONS: Record<string, string[]> = {
  'text/csv': ['csv'],
  'text/plain': ['txt'],
  'text/tab-separated-values': ['tsv'],
  'application/json': ['json'],
  'text/xml': ['xml'],
  'application/xml': ['xml'],
};

/** Dialog filters for the accepted types; none (any file) when nothing maps to an extension. */
export function acceptToFilters(accept: readonly string[]): FileFilter[] {
  const extensions = new Set<string>();
  for (const entry of accept) {
    if (entry.startsWith('.')) extensions.add(entry.slice(1).toLowerCase());
    else for (const extension of MIME_EXTENSIONS[entry.toLowerCase()] ?? []) extensions.add(extension);
  }
  if (extensions.size === 0) return [];
  return [
    { name: [...extensions].map((e) => e.toUpperCase()).join(', ') + ' files', extensions: [...extensions] },
    { name: 'All files', extensions: ['*'] },
  ];
}

/** Asks for a file and returns its text (UTF-8, without a byte-order mark), or null on cancel. */
export async function openTextFile(
  parent: BrowserWindow | null,
  request: OpenTextFileRequest,
): Promise<{ name: string; text: string } | null> {
  const options = { properties: ['openFile' as const], filters: acceptToFilters(request.accept) };
  const choice = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  const path = choice.filePaths[0];
  if (choice.canceled || !path) return null;
  const name = basename(path);
  const { size } = await stat(path);
  if (size > MAX_OPEN_TEXT_BYTES) {
    throw new Error(
      `${name} is ${megabytes(size)}; Orderline opens text files up to ${megabytes(MAX_OPEN_TEXT_BYTES)}. Split the file and open the parts one by one.`,
    );
  }
  const text = await readFile(path, 'utf8');
  // The browser's File.text() drops a byte-order mark; do the same so both bridges agree.
  return { name, text: text.startsWith('\uFEFF') ? text.slice(1) : text };
}
