/**
 * Scenarios for the contact triggers (New Contact, Contact Tag Added, Updated Contact): the situations of issue
 * 11's "Why" 1–4 and more, each played against a fresh sandbox through its HTTP API. The runner settles every Zap
 * afterwards and compares what fired with the journal (truth.ts).
 */
import type { Contact } from '../../../sandbox/types';
import './contactTruths';
import { registerScenario } from './truth';
import type { World } from './world';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const USERS = ['sbxDemoUser000000001', 'sbxDemoUser000000002', 'sbxDemoUser000000003'];

/** Existing contacts of the sub-account, most recently updated first. */
const existing = (world: World, filter: (contact: Contact) => boolean = () => true): Contact[] =>
  [...world.sandbox.store.contacts.values()]
    .filter((contact) => contact.locationId === world.sandbox.locationId && filter(contact))
    .sort((a, b) => b.dateUpdated - a.dateUpdated);

const newestAdded = (world: World, count: number): Contact[] =>
  [...world.sandbox.store.contacts.values()]
    .filter((contact) => contact.locationId === world.sandbox.locationId)
    .sort((a, b) => b.dateAdded - a.dateAdded)
    .slice(0, count);

/** Some history from earlier today: contacts added hours before the Zaps are turned on. */
const history = async (world: World, count: number, tags: string[] = ['vip']) => {
  for (let i = 0; i < count; i += 1) {
    await world.driver.createContact({ tags: i % 2 === 0 ? tags : [], assignedTo: USERS[i % USERS.length] });
    await world.advance(10 * MINUTE);
  }
  await world.advance(4 * HOUR);
};

registerScenario({
  name: 'new contact: deletes, untags and reassignments never fire older contacts',
  run: async (world) => {
    await history(world, 12);
    const every = world.zap({ id: 'nc-all', trigger: 'new_contact', intervalMinutes: 5 });
    const tagged = world.zap({
      id: 'nc-vip',
      trigger: 'new_contact',
      inputData: { tag: 'vip' },
      intervalMinutes: 5,
    });
    const assigned = world.zap({
      id: 'nc-user2',
      trigger: 'new_contact',
      inputData: { assignedTo: USERS[1] },
      intervalMinutes: 1,
    });
    for (const zap of [every, tagged, assigned]) await zap.turnOn();

    await world.driver.createContact({ tags: ['vip'] });
    await world.driver.createContact({ assignedTo: USERS[1] });
    await world.driver.createContact({});
    await world.advance(6 * MINUTE);
    // The newest contacts go away: older ones must not take their place.
    for (const contact of newestAdded(world, 5)) await world.driver.deleteContact(contact.id);
    for (const contact of existing(world, (c) => c.tags.includes('vip')).slice(0, 5))
      await world.driver.removeTags(contact.id, ['vip']);
    for (const contact of existing(world, (c) => c.assignedTo === USERS[1]).slice(0, 5))
      await world.driver.reassign(contact.id, USERS[2]);
    await world.advance(6 * MINUTE);
    await world.driver.createContact({ tags: ['vip'], assignedTo: USERS[1] });
    await world.driver.createContact({});
    await world.advance(20 * MINUTE);
  },
});

registerScenario({
  name: 'tag added: edits of tagged contacts, untag, re-add, add-and-remove between checks',
  fast: true,
  seed: 400,
  run: async (world) => {
    const zap = world.zap({
      id: 'ta-vip',
      trigger: 'contact_tag_added',
      inputData: { tag: 'vip' },
      intervalMinutes: 5,
    });
    await zap.turnOn();
    const tagged = existing(world, (c) => c.tags.includes('vip'));
    const untagged = existing(world, (c) => !c.tags.includes('vip'));
    // Edits of contacts that have had the tag for months: nothing fires.
    for (const contact of tagged.slice(5, 10)) await world.driver.updateContact(contact.id, { city: 'Lyon' });
    // The tag leaves 5 recent contacts: nothing fires.
    for (const contact of tagged.slice(0, 5)) await world.driver.removeTags(contact.id, ['vip']);
    // The tag is added to 3 contacts: 3 fire.
    for (const contact of untagged.slice(0, 3)) await world.driver.addTags(contact.id, ['VIP']);
    await world.advance(6 * MINUTE);
    // Removed earlier, added again: fires again.
    await world.driver.addTags(tagged[0].id, ['vip']);
    await world.driver.removeTags(untagged[0].id, ['vip']);
    await world.advance(6 * MINUTE);
    await world.driver.addTags(untagged[0].id, ['vip']);
    // Added and removed between two checks: nothing to see.
    await world.driver.addTags(untagged[5].id, ['vip']);
    await world.driver.removeTags(untagged[5].id, ['vip']);
    // A new contact with the tag fires; one without does not.
    await world.driver.createContact({ tags: ['vip', 'lead'] });
    await world.driver.createContact({ tags: ['lead'] });
    // Deleting a tagged contact fires nothing.
    await world.driver.deleteContact(tagged[tagged.length - 1].id);
    await world.advance(20 * MINUTE);
  },
});

registerScenario({
  name: 'updated contact: unwatched changes, A→B→A, every update',
  run: async (world) => {
    const email = world.zap({
      id: 'uc-email',
      trigger: 'updated_contact',
      inputData: { watchFields: ['email'] },
      intervalMinutes: 5,
    });
    const city = world.zap({
      id: 'uc-city-tags',
      trigger: 'updated_contact',
      inputData: { watchFields: ['city', 'tags'] },
      intervalMinutes: 1,
    });
    const every = world.zap({ id: 'uc-every', trigger: 'updated_contact', intervalMinutes: 5 });
    for (const zap of [email, city, every]) await zap.turnOn();
    const contacts = existing(world);
    const old = contacts[contacts.length - 1];
    // Only the city of an old contact changes: the email Zap does not fire.
    await world.driver.updateContact(old.id, { city: 'Nantes' });
    await world.driver.updateContact(contacts[3].id, { email: world.driver.uniqueEmail('b') });
    await world.advance(6 * MINUTE);
    // A → B → A: fires twice.
    const original = contacts[10].email ?? world.driver.uniqueEmail('a');
    await world.driver.updateContact(contacts[10].id, { email: world.driver.uniqueEmail('b') });
    await world.advance(6 * MINUTE);
    await world.driver.updateContact(contacts[10].id, { email: original });
    await world.driver.addTags(contacts[20].id, ['webinar']);
    await world.advance(6 * MINUTE);
    await world.driver.removeTags(contacts[20].id, ['webinar']);
    await world.driver.updateContact(contacts[30].id, { firstName: 'Renamed' });
    await world.driver.reassign(contacts[31].id, USERS[2]);
    await world.advance(20 * MINUTE);
  },
});

registerScenario({
  name: 'two Zaps, one connection: each fires once per event',
  run: async (world) => {
    const zaps = [
      world.zap({ id: 'ta-5', trigger: 'contact_tag_added', inputData: { tag: 'vip' }, intervalMinutes: 5 }),
      world.zap({
        id: 'ta-15',
        trigger: 'contact_tag_added',
        inputData: { tag: 'vip' },
        intervalMinutes: 15,
      }),
      world.zap({
        id: 'uc-5',
        trigger: 'updated_contact',
        inputData: { watchFields: ['email'] },
        intervalMinutes: 5,
      }),
      world.zap({
        id: 'uc-15',
        trigger: 'updated_contact',
        inputData: { watchFields: ['email'] },
        intervalMinutes: 15,
      }),
      world.zap({ id: 'nc-5', trigger: 'new_contact', intervalMinutes: 5 }),
      world.zap({ id: 'nc-15', trigger: 'new_contact', intervalMinutes: 15 }),
    ];
    for (const zap of zaps) await zap.turnOn();
    const untagged = existing(world, (c) => !c.tags.includes('vip'));
    for (let round = 0; round < 3; round += 1) {
      await world.driver.addTags(untagged[round].id, ['vip']);
      await world.driver.updateContact(untagged[10 + round].id, { email: world.driver.uniqueEmail('two') });
      await world.driver.createContact({ tags: ['vip'] });
      await world.advance(6 * MINUTE);
    }
    await world.advance(15 * MINUTE);
  },
});

registerScenario({
  name: 'two Zaps, one connection, polling every minute',
  run: async (world) => {
    const zaps = [
      world.zap({ id: 'ta-1', trigger: 'contact_tag_added', inputData: { tag: 'vip' }, intervalMinutes: 1 }),
      world.zap({ id: 'ta-1b', trigger: 'contact_tag_added', inputData: { tag: 'vip' }, intervalMinutes: 1 }),
      world.zap({
        id: 'uc-1',
        trigger: 'updated_contact',
        inputData: { watchFields: ['email'] },
        intervalMinutes: 1,
      }),
      world.zap({
        id: 'uc-1b',
        trigger: 'updated_contact',
        inputData: { watchFields: ['email'] },
        intervalMinutes: 1,
      }),
    ];
    for (const zap of zaps) await zap.turnOn();
    const untagged = existing(world, (c) => !c.tags.includes('vip'));
    for (let round = 0; round < 6; round += 1) {
      await world.driver.addTags(untagged[round].id, ['vip']);
      await world.driver.updateContact(untagged[10 + round].id, { email: world.driver.uniqueEmail('two') });
      await world.advance(90_000);
    }
    await world.advance(5 * MINUTE);
  },
});

registerScenario({
  name: 'late polls (30 min) and failed polls (503, 429)',
  run: async (world) => {
    const late = (index: number) => (index % 2 === 0 ? 30 * MINUTE : 0);
    const zaps = [
      world.zap({ id: 'nc-late', trigger: 'new_contact', intervalMinutes: 15, lateness: late }),
      world.zap({
        id: 'ta-late',
        trigger: 'contact_tag_added',
        inputData: { tag: 'vip' },
        intervalMinutes: 15,
        lateness: late,
      }),
      world.zap({
        id: 'uc-late',
        trigger: 'updated_contact',
        inputData: { watchFields: ['email'] },
        intervalMinutes: 15,
        lateness: late,
      }),
    ];
    for (const zap of zaps) await zap.turnOn();
    zaps[0].failNext(503);
    zaps[1].failNext(429);
    zaps[2].failNext(500);
    const untagged = existing(world, (c) => !c.tags.includes('vip'));
    for (let round = 0; round < 6; round += 1) {
      await world.driver.createContact({});
      await world.driver.addTags(untagged[round].id, ['vip']);
      await world.driver.updateContact(untagged[20 + round].id, { email: world.driver.uniqueEmail('late') });
      await world.advance(14 * MINUTE);
    }
    await world.advance(2 * HOUR);
  },
});

registerScenario({
  name: 'a Zap turned off for an hour and on again',
  run: async (world) => {
    const zaps = [
      world.zap({ id: 'nc-off', trigger: 'new_contact', intervalMinutes: 5 }),
      world.zap({
        id: 'ta-off',
        trigger: 'contact_tag_added',
        inputData: { tag: 'vip' },
        intervalMinutes: 5,
      }),
      world.zap({
        id: 'uc-off',
        trigger: 'updated_contact',
        inputData: { watchFields: ['email'] },
        intervalMinutes: 5,
      }),
    ];
    for (const zap of zaps) await zap.turnOn();
    const untagged = existing(world, (c) => !c.tags.includes('vip'));
    await world.driver.createContact({});
    await world.driver.addTags(untagged[0].id, ['vip']);
    await world.advance(10 * MINUTE);
    for (const zap of zaps) zap.turnOff();
    // While off: nothing of this may fire later.
    await world.driver.createContact({});
    await world.driver.addTags(untagged[1].id, ['vip']);
    await world.driver.updateContact(untagged[2].id, { email: world.driver.uniqueEmail('off') });
    await world.advance(HOUR);
    for (const zap of zaps) await zap.turnOn();
    await world.driver.createContact({});
    await world.driver.addTags(untagged[3].id, ['vip']);
    await world.driver.updateContact(untagged[2].id, { email: world.driver.uniqueEmail('on') });
    await world.advance(20 * MINUTE);
  },
});

const burst = (size: number, fast: boolean) =>
  registerScenario({
    name: `burst of ${size.toLocaleString('en-US')} new contacts (tagged), first check 16 minutes later`,
    fast,
    run: async (world) => {
      const zaps = [
        world.zap({ id: `nc-burst-${size}`, trigger: 'new_contact', intervalMinutes: 15 }),
        world.zap({
          id: `ta-burst-${size}`,
          trigger: 'contact_tag_added',
          inputData: { tag: 'vip' },
          intervalMinutes: 15,
        }),
        world.zap({
          id: `ta2-burst-${size}`,
          trigger: 'contact_tag_added',
          inputData: { tag: 'vip' },
          intervalMinutes: 5,
        }),
      ];
      for (const zap of zaps) await zap.turnOn();
      await world.advance(MINUTE);
      for (let i = 0; i < size; i += 1) await world.driver.createContact({ tags: ['vip'] });
      await world.advance(60 * MINUTE);
    },
  });
burst(150, false);
burst(1_000, false);

registerScenario({
  name: 'an hour in brief: deletes, untags, re-adds, two Zaps on one connection, a late poll, a failed poll',
  fast: true,
  seed: 300,
  run: async (world) => {
    const late = (index: number) => (index === 1 ? 30 * MINUTE : 0);
    const zaps = [
      world.zap({ id: 'nc', trigger: 'new_contact', intervalMinutes: 15, lateness: late }),
      world.zap({ id: 'ta', trigger: 'contact_tag_added', inputData: { tag: 'vip' }, intervalMinutes: 15 }),
      world.zap({
        id: 'ta-twin',
        trigger: 'contact_tag_added',
        inputData: { tag: 'vip' },
        intervalMinutes: 15,
      }),
      world.zap({
        id: 'uc',
        trigger: 'updated_contact',
        inputData: { watchFields: ['email'] },
        intervalMinutes: 15,
      }),
    ];
    for (const zap of zaps) await zap.turnOn();
    zaps[2].failNext(503);
    const tagged = existing(world, (c) => c.tags.includes('vip'));
    const untagged = existing(world, (c) => !c.tags.includes('vip'));
    await world.driver.createContact({ tags: ['vip'] });
    for (const contact of newestAdded(world, 3).slice(1)) await world.driver.deleteContact(contact.id);
    for (const contact of tagged.slice(0, 3)) await world.driver.removeTags(contact.id, ['vip']);
    await world.driver.updateContact(tagged[4].id, { city: 'Lyon' });
    await world.driver.addTags(untagged[0].id, ['vip']);
    await world.driver.updateContact(untagged[1].id, { city: 'Nantes' });
    const original = untagged[2].email ?? world.driver.uniqueEmail('a');
    await world.driver.updateContact(untagged[2].id, { email: world.driver.uniqueEmail('b') });
    await world.advance(16 * MINUTE);
    await world.driver.addTags(tagged[0].id, ['vip']);
    await world.driver.updateContact(untagged[2].id, { email: original });
    await world.driver.createContact({});
    await world.advance(20 * MINUTE);
  },
});

registerScenario({
  name: 'contacts the trigger has never seen, at 7,000 contacts (rule measured)',
  seed: 7_000,
  run: async (world) => {
    const zap = world.zap({
      id: 'uc-unseen',
      trigger: 'updated_contact',
      inputData: { watchFields: ['email'] },
      intervalMinutes: 5,
    });
    const tags = world.zap({
      id: 'ta-unseen',
      trigger: 'contact_tag_added',
      inputData: { tag: 'lead' },
      intervalMinutes: 5,
    });
    await zap.turnOn();
    await tags.turnOn();
    const contacts = existing(world);
    // Recently updated (noted at turn-on) and old (never seen) contacts change twice each.
    const picks = [...contacts.slice(0, 10), ...contacts.slice(-10)];
    const untagged = existing(world, (c) => !c.tags.includes('lead'));
    const tagPicks = [...untagged.slice(0, 10), ...untagged.slice(-10)];
    for (let round = 0; round < 2; round += 1) {
      for (const contact of picks)
        await world.driver.updateContact(contact.id, { email: world.driver.uniqueEmail('u') });
      for (const contact of tagPicks) {
        if (round === 0) await world.driver.addTags(contact.id, ['lead']);
        else await world.driver.removeTags(contact.id, ['lead']);
      }
      await world.advance(6 * MINUTE);
    }
    for (const contact of tagPicks) await world.driver.addTags(contact.id, ['lead']);
    await world.advance(20 * MINUTE);
  },
});
