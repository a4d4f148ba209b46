/**
 * Records the default build's trigger definitions (RELAY_URL unset; functions as "[function]") into
 * test/fixtures/pollingTriggers.json, which test/lib/relay/builds.test.ts compares the app with
 * (docs/INSTANT_TRIGGERS.md §1). Run it only after a deliberate change to a polling trigger:
 *   npx tsx scripts/recordPollingTriggers.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { definitionShape } from '../test/definitionShape';

delete process.env.RELAY_URL;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after RELAY_URL is cleared
const app = require('../index') as { triggers: unknown };
const target = join(__dirname, '..', 'test', 'fixtures', 'pollingTriggers.json');
writeFileSync(target, `${JSON.stringify(definitionShape(app.triggers), null, 2)}\n`);
console.log(`Wrote ${target}`);
