// The entry Zapier loads (package.json "main"). Zapier's build starts its file scan here, so the compiled
// app and its dependencies must be reachable from this file; the TypeScript source is index.ts.
// eslint-disable-next-line @typescript-eslint/no-require-imports
module.exports = require('./dist/index.js');
