/**
 * Bursts (docs/TRIGGERS.md §10): an import of thousands of contacts and a bulk update of thousands, each played
 * through the sandbox's HTTP API. Every contact of the import and every update of the bulk update must fire
 * exactly once in every Zap, over as many checks as it takes, with no check failing for volume.
 */
import type { Contact } from '../../../sandbox/types';
import './contactTruths';
import { registerScenario } from './truth';
import type { World } from './world';

const MINUTE = 60_000;

const existing = (world: World): Contact[] =>
  [...world.sandbox.store.contacts.values()]
    .filter((contact) => contact.locationId === world.sandbox.locationId)
    .sort((a, b) => b.dateUpdated - a.dateUpdated || (a.id < b.id ? 1 : -1));

/** A CSV import of `size` contacts at once, half of them tagged `import`. */
const importStory = (size: number, fast: boolean) =>
  registerScenario({
    name: `import of ${size.toLocaleString('en-US')} contacts at once: each fires once, no check fails`,
    fast,
    run: async (world) => {
      const late = (index: number) => (index === 2 ? 30 * MINUTE : 0);
      const zaps = [
        world.zap({ id: `nc-import-${size}`, trigger: 'new_contact', intervalMinutes: 15, lateness: late }),
        world.zap({ id: `nc-import-5-${size}`, trigger: 'new_contact', intervalMinutes: 5 }),
        world.zap({
          id: `nc-import-tag-${size}`,
          trigger: 'new_contact',
          inputData: { tag: 'import' },
          intervalMinutes: 5,
        }),
        world.zap({
          id: `ta-import-${size}`,
          trigger: 'contact_tag_added',
          inputData: { tag: 'import' },
          intervalMinutes: 15,
        }),
      ];
      for (const zap of zaps) await zap.turnOn();
      await world.advance(MINUTE);
      for (let i = 0; i < size; i += 1)
        await world.driver.createContact({ tags: i % 2 === 0 ? ['import'] : [] });
      // Turned on while the import is still being released: none of the import fires in it.
      const later = world.zap({ id: `nc-import-later-${size}`, trigger: 'new_contact', intervalMinutes: 5 });
      await world.advance(10 * MINUTE);
      await later.turnOn();
      await world.driver.createContact({});
      await world.advance(Math.ceil(size / 50) * MINUTE + 30 * MINUTE);
    },
  });
importStory(400, true);
importStory(5_000, false);

/** A bulk action on `size` contacts (their city), twice: the second time every contact is known to Watch Fields. */
const bulkUpdateStory = (size: number, fast: boolean) =>
  registerScenario({
    name: `bulk update of ${size.toLocaleString('en-US')} contacts, twice: each update fires once, no check fails`,
    fast,
    seed: size + 200,
    run: async (world) => {
      const zaps = [
        world.zap({ id: `uc-bulk-15-${size}`, trigger: 'updated_contact', intervalMinutes: 15 }),
        world.zap({
          id: `uc-bulk-5-${size}`,
          trigger: 'updated_contact',
          intervalMinutes: 5,
          lateness: (index) => (index === 3 ? 30 * MINUTE : 0),
        }),
        world.zap({
          id: `uc-bulk-city-${size}`,
          trigger: 'updated_contact',
          inputData: { watchFields: ['city'] },
          intervalMinutes: 5,
        }),
        world.zap({
          id: `uc-bulk-city-15-${size}`,
          trigger: 'updated_contact',
          inputData: { watchFields: ['city'] },
          intervalMinutes: 15,
        }),
      ];
      for (const zap of zaps) await zap.turnOn();
      const picked = existing(world).slice(0, size);
      for (const city of ['Lyon', 'Nantes']) {
        await world.advance(MINUTE);
        for (const contact of picked) await world.driver.updateContact(contact.id, { city });
        // The next round once every Zap has seen this one (a release of size / 50 minutes, a poll up to 60
        // minutes apart): an update made again before a Zap saw the first one fires once (docs/TRIGGERS.md §10).
        await world.advance(Math.ceil(size / 50) * MINUTE + 65 * MINUTE);
      }
      await world.advance(30 * MINUTE);
    },
  });
bulkUpdateStory(200, true);
bulkUpdateStory(4_000, false);
