// Stops `npm run dist*` on a Node older than 22.12, which electron-builder 26 and Electron 45's
// packaging tools need, with a sentence instead of an obscure failure halfway through a build.
// The app's own tests run on Node 20.19+ (package.json engines).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `Packaging Orderline needs Node 22.12 or later (electron-builder and Electron's packaging tools); this is Node ${process.versions.node}. Tests and development run on Node 20.19+.`,
  );
  process.exit(1);
}
