import { defineApp, version as platformVersion } from 'zapier-platform-core';
import { authentication } from './authentication';
import { authorize, mapErrors } from './lib/core/middleware';
import { version } from './package.json';
import { triggers } from './triggers';
import { creates } from './creates';
import { searches, searchOrCreates } from './searches';

const app = defineApp({
  version,
  platformVersion,
  authentication,
  beforeRequest: [authorize],
  afterResponse: [mapErrors],
  triggers,
  creates,
  searches,
  searchOrCreates,
});

// Zapier loads the app with `require()`: the definition must be the module itself.
export = app;
