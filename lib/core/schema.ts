/**
 * zod schemas built on first use instead of when the app loads. zod is most of what the app adds to the
 * memory of loading it (npm run bench, section 4), and loading is paid by every run, including those that
 * never parse a response (a step that fails validation, a dropdown answered from the cache).
 */
import type { z as zod } from 'zod';

export type ZodNamespace = typeof zod;

let loaded: ZodNamespace | undefined;

const loadZod = (): ZodNamespace => {
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
