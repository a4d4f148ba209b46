/**
 * Imported first by the CLI, before anything loads node:sqlite:
 * - the relay needs Node 22 (node:sqlite is built in from 22.5): an older Node gets a plain sentence, not a stack;
 * - node:sqlite is stable enough for the relay (relay/README.md "Storage") but Node 22 prints an
 *   ExperimentalWarning for it on every start; only that one warning is silenced.
 */
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 5)) {
  process.stderr.write(
    `relay: needs Node 22.5 or later (this is ${process.versions.node}); start it with npm run relay or npx.\n`,
  );
  process.exit(2);
}

const emit = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const text = typeof warning === 'string' ? warning : warning.message;
  if (/SQLite is an experimental feature/.test(text)) return;
  (emit as (w: string | Error, ...r: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;

export {};
