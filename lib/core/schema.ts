/**
 * zod schemas built on first use instead of when the app loads. zod is most of what the app adds to the
 * memory of loading it (npm run bench, section 4), and loading is paid by every run, including those that
 * never parse a response (a step that fails validation, a dropdown answered from the cache).
 */
import { existsSync, readdirSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import type { z as zod } from 'zod';

export type ZodNamespace = typeof zod;

let loaded: ZodNamespace | undefined;

/**
 * zod's entry requires every one of its error-message locales (v4/locales/index.cjs loads ~50 modules, 1.2 MB of
 * source) although zod only ever uses English unless told otherwise: 62 modules and about 0.8 MB of heap in every
 * process (npm run bench, section 8). Registered in place of that index before zod loads: the same names, each a
 * getter that requires its locale on first use. Skipped when the file is not there; under jest (a module registry
 * of its own) zod loads as usual. test/build.test.ts checks it in the zip Zapier runs.
 */
const registerLazyLocales = (): void => {
  const dir = path.join(path.dirname(require.resolve('zod')), 'v4', 'locales');
  const index = path.join(dir, 'index.cjs');
  if (require.cache[index] || !existsSync(index)) return;
  const locales: Record<string, unknown> = {};
  Object.defineProperty(locales, '__esModule', { value: true });
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.cjs') || file === 'index.cjs') continue;
    const name = file
      .slice(0, -'.cjs'.length)
      .replace(/-([a-z])/gi, (_, letter: string) => letter.toUpperCase());
    Object.defineProperty(locales, name, {
      enumerable: true,
      get: () => {
        // As zod's index reads each one (`__importDefault`): a locale module is its function, or an ES module's default.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const locale = require(path.join(dir, file)) as { __esModule?: boolean; default?: unknown };
        return locale.__esModule ? locale.default : locale;
      },
    });
  }
  const stub = new Module(index, module);
  stub.filename = index;
  stub.loaded = true;
  stub.exports = locales;
  require.cache[index] = stub;
};

const loadZod = (): ZodNamespace => {
  if (!loaded) registerLazyLocales();
  // A literal require, so Zapier's build (an esbuild scan from index.js) still finds and ships zod.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= (require('zod') as { z: ZodNamespace }).z;
  return loaded;
};

/**
 * A getter for the schema `build` makes: zod is required and the schema built on the first call, and
 * every later call returns that same schema.
 */
export const lazySchema = <T>(build: (zod: ZodNamespace) => T): (() => T) => {
  let schema: { value: T } | undefined;
  return () => {
    schema ??= { value: build(loadZod()) };
    return schema.value;
  };
};

/** The loose field shapes HighLevel bodies share: optional text, flags, and dates as text or epoch ms. */
export const fieldSchemas = lazySchema((zod) => ({
  text: zod.string().nullish(),
  flag: zod.boolean().nullish(),
  dateValue: zod.union([zod.string(), zod.number()]).nullish(),
}));

/** Empty text and missing values both become null in outputs. */
export const orNull = (value: string | null | undefined): string | null => (value ? value : null);
