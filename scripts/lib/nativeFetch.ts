/**
 * node's `fetch` as it was before zapier-platform-core ran a step, for the harness's own HTTP calls (driving and
 * seeding a sandbox, the benchmark's bare path, the OAuth consent page).
 *
 * At its first invocation core replaces `globalThis.fetch` with a wrapper that logs every later call through the
 * logger of the most recent invocation (zapier-platform-core src/tools/fetch-logger.js, and http.request likewise,
 * create-http-patch.js). A harness call made after that step ended would then open a log stream to that step's
 * log endpoint, which may be an emulated state service that has already stopped (a refused connection to a
 * closed port, `npm run bench`'s TCP check), and pay core's logging (a clone of every response body) as if it
 * were the app's. Imported by scripts/lib/runtime.ts, so it is captured before any step runs.
 */
const original = globalThis.fetch as typeof fetch & { patchedByZapier?: boolean };
if (original.patchedByZapier) {
  throw new Error('scripts/lib/nativeFetch.ts was loaded after zapier-platform-core had wrapped fetch.');
}

export const nativeFetch: typeof fetch = original.bind(globalThis);
