// Bundles an in-page bench probe (a browser script beside this file) into one script for
// page.addInitScript.
import { build } from 'esbuild';
import path from 'node:path';

export async function bundleProbe(file: string): Promise<string> {
  const out = await build({
    entryPoints: [path.join(import.meta.dirname, file)],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}
