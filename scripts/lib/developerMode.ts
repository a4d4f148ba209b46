/**
 * Imported before zapier-platform-core (which reads it once, at load): run the core as it runs under jest
 * and `zapier-platform invoke`, i.e. Zapier's output checks (a trigger returns an array with ids, a create one
 * object, …) throw a CheckError instead of only logging, and no per-invocation memory lines reach stdout.
 */
process.env.NODE_ENV ??= 'test';

export {};
