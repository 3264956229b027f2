// The release key's public half, built into the app by electron.vite.config.ts from the
// ORDERLINE_UPDATE_PUBLIC_KEY build variable (base64 DER, printed by `scripts/signUpdates.ts
// --new-key`). Empty in a build made without it: such a build refuses every update.
declare const __ORDERLINE_UPDATE_PUBLIC_KEY__: string | undefined;

export const BUILT_IN_UPDATE_PUBLIC_KEY: string =
  typeof __ORDERLINE_UPDATE_PUBLIC_KEY__ === 'string' ? __ORDERLINE_UPDATE_PUBLIC_KEY__ : '';
