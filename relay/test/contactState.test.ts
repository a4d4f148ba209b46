/** Contract §5: a contact's change, judged by HighLevel's timestamp whatever the arrival order. */
import { HISTORY_MAX, computeChange, decodeState, encodeState, type ContactState } from '../src/contactState';
import type { EventBody } from '../src/routing';

const contact = (type: string, fields: Record<string, unknown> = {}): EventBody =>
  ({ type, locationId: 'loc', id: 'c1', email: 'a@example.com', tags: ['Lead'], ...fields }) as EventBody;

const tags = (type: string, list: string[]) => contact(type, { tags: list });

/** Feeds events `[at, body]` in the given order; answers each one's change. */
const feed = (events: [number, EventBody][], start?: ContactState) => {
  let state = start;
  return events.map(([at, body]) => {
    const { change, next } = computeChange(body, at, state);
    state = next;
    return { added: change.addedTags, removed: change.removedTags, fields: change.changedFields, state };
  });
};

describe('computeChange in time order', () => {
  it('on a first ContactCreate every tag is added and no field counts as changed', () => {
    const { change, next, firstSeen } = computeChange(tags('ContactCreate', ['Lead', 'VIP']), 1, undefined);
    expect(firstSeen).toBe(true);
    expect(change).toEqual({ addedTags: ['Lead', 'VIP'], removedTags: [], changedFields: ['tags'] });
    expect(next?.snapshots).toHaveLength(1);
    expect(next?.snapshots[0].tags).toEqual(['Lead', 'VIP']);
    expect(Object.keys(next?.snapshots[0].digests ?? {})).toEqual(['email']);
    expect(JSON.stringify(next)).not.toContain('a@example.com');
  });

  it('on a first update nothing is known to be added', () => {
    expect(computeChange(contact('ContactTagUpdate'), 1, undefined).change).toEqual({
      addedTags: [],
      removedTags: [],
      changedFields: [],
    });
  });

  it('compares tags case-insensitively, keeping the case HighLevel sent, and names changed fields', () => {
    const [, second] = feed([
      [1, contact('ContactCreate', { tags: ['Lead', 'vip'], customFields: [{ id: 'cf1', value: 'x' }] })],
      [
        2,
        contact('ContactUpdate', {
          email: 'b@example.com',
          tags: ['VIP', 'Customer'],
          customFields: [{ id: 'cf1', value: 'y' }],
        }),
      ],
    ]);
    expect(second.added).toEqual(['Customer']);
    expect(second.removed).toEqual(['Lead']);
    expect(second.fields).toEqual(['email', 'customFields.cf1', 'tags']);
  });

  it("counts a field's first value and its clearing (an absent key, null or '' is an empty field)", () => {
    const results = feed([
      [1, contact('ContactCreate')],
      [2, contact('ContactUpdate', { city: 'Lyon' })],
      [3, contact('ContactUpdate', { city: 'Paris' })],
      [4, contact('ContactUpdate', { city: null })],
      [5, contact('ContactUpdate', { city: 'Rome', customFields: [{ id: 'cf1', value: 'x' }] })],
      [6, contact('ContactUpdate', { city: '', customFields: [{ id: 'cf1', value: '' }] })],
      [7, contact('ContactUpdate')],
    ]);
    expect(results.map((r) => r.fields)).toEqual([
      ['tags'],
      ['city'],
      ['city'],
      ['city'],
      ['city', 'customFields.cf1'],
      ['city', 'customFields.cf1'],
      [],
    ]);
  });

  it('a late, older tag list that only extends an episode fires nothing', () => {
    // Lead added at 2 and removed at 3; the event of 1 (no Lead yet) arrives last.
    const results = feed([
      [0, tags('ContactCreate', [])],
      [2, tags('ContactTagUpdate', ['Lead'])],
      [3, tags('ContactTagUpdate', [])],
      [1, tags('ContactTagUpdate', [])],
    ]);
    expect(results.map((r) => [r.added, r.removed])).toEqual([
      [[], []],
      [['Lead'], []],
      [[], ['Lead']],
      [[], []],
    ]);
  });

  it('events arriving newest first still fire each addition and removal once', () => {
    // In time: [] → [A] → [A, B] → [B]; arrival: 4, 3, 2, 1.
    const results = feed([
      [4, tags('ContactTagUpdate', ['B'])],
      [3, tags('ContactTagUpdate', ['A', 'B'])],
      [2, tags('ContactTagUpdate', ['A'])],
      [1, tags('ContactCreate', [])],
    ]);
    const added = results.flatMap((r) => r.added).sort();
    const removed = results.flatMap((r) => r.removed).sort();
    expect(added).toEqual(['A', 'B']);
    expect(removed).toEqual(['A']);
  });

  it('a late event that splits an episode fires the new episodes', () => {
    // VIP present at 1 and 3; the late event of 2 says it was removed then (so it was added again at 3).
    const results = feed([
      [1, tags('ContactCreate', ['VIP'])],
      [3, tags('ContactTagUpdate', ['VIP'])],
      [2, tags('ContactTagUpdate', [])],
    ]);
    expect(results.map((r) => [r.added, r.removed])).toEqual([
      [['VIP'], []],
      [[], []],
      [['VIP'], ['VIP']],
    ]);
  });

  it('a late write counts the fields unlike its predecessor in time', () => {
    const results = feed([
      [1, contact('ContactCreate', { city: 'Lyon' })],
      [4, contact('ContactUpdate', { city: 'Paris' })],
      // Lyon at 2 is what Lyon at 1 said: nothing changed.
      [2, contact('ContactUpdate', { city: 'Lyon' })],
      // Paris at 3 changed the city, though the write of 4, delivered first, already showed Paris.
      [3, contact('ContactUpdate', { city: 'Paris' })],
    ]);
    expect(results.map((r) => r.fields)).toEqual([['tags'], ['city'], [], ['city']]);
  });

  it('a late tag write lists tags as changed even when its episode already fired', () => {
    const results = feed([
      [1, tags('ContactCreate', [])],
      [3, contact('ContactUpdate', { email: 'b@example.com', tags: ['VIP'] })],
      [2, tags('ContactTagUpdate', ['VIP'])],
    ]);
    expect(results.map((r) => [r.added, r.fields])).toEqual([
      [[], []],
      [['VIP'], ['email', 'tags']],
      [[], ['tags']],
    ]);
  });

  it('a late write older than everything known counts as not seen before (Updated Contact fires)', () => {
    const state = feed([[3, contact('ContactUpdate', { email: 'b@example.com', tags: ['VIP'] })]])[0].state;
    const late = computeChange(tags('ContactTagUpdate', ['VIP']), 2, state);
    expect(late.firstSeen).toBe(true);
    expect(late.change).toEqual({ addedTags: [], removedTags: [], changedFields: [] });
    expect(computeChange(tags('ContactTagUpdate', ['VIP']), 4, state).firstSeen).toBe(false);
  });

  it('a payload without tags says nothing about them', () => {
    const [, second] = feed([
      [1, tags('ContactCreate', ['Lead'])],
      [2, { type: 'ContactDndUpdate', locationId: 'loc', id: 'c1', email: 'a@example.com', dnd: true }],
    ]);
    expect([second.added, second.removed, second.fields]).toEqual([[], [], ['dnd']]);
  });

  it('keeps at most HISTORY_MAX snapshots, and an event older than the kept ones fires nothing', () => {
    const events: [number, EventBody][] = Array.from({ length: HISTORY_MAX + 5 }, (_, i) => [
      100 + i,
      tags('ContactTagUpdate', [`t${i}`]),
    ]);
    const results = feed(events);
    const state = results[results.length - 1].state;
    expect(state?.snapshots).toHaveLength(HISTORY_MAX);
    expect(state?.pruned).toBe(true);
    const late = computeChange(tags('ContactTagUpdate', ['zzz']), 50, state);
    expect(late.change).toEqual({ addedTags: [], removedTags: [], changedFields: [] });
    expect(late.next).toBe(state);
  });

  it('a ContactDelete keeps the history for the webhooks HighLevel delivers after it', () => {
    const results = feed([
      [1, tags('ContactCreate', [])],
      [3, contact('ContactDelete')],
      [2, tags('ContactTagUpdate', ['VIP'])],
    ]);
    expect(results[1].state?.snapshots).toHaveLength(1);
    expect(results[2].added).toEqual(['VIP']);
  });
});

describe('the stored row', () => {
  it('round-trips the history and mirrors the newest snapshot', () => {
    const state = feed([
      [1, tags('ContactCreate', ['Lead'])],
      [2, tags('ContactTagUpdate', ['Lead', 'VIP'])],
    ])[1].state as ContactState;
    const row = encodeState(state);
    expect(JSON.parse(row.tags ?? 'null')).toEqual(['Lead', 'VIP']);
    expect(decodeState(row)).toEqual(state);
  });

  it('reads a row written before the history existed as one old snapshot', () => {
    const state = decodeState({
      tags: '["Lead"]',
      digests: '{"email":"abcdefghijklmnopqrstuvwxyz"}',
      history: null,
    });
    expect(state).toEqual({
      snapshots: [{ at: 0, create: false, tags: ['Lead'], digests: { email: 'abcdefghijklmnop' } }],
      pruned: true,
    });
    const { change } = computeChange(tags('ContactTagUpdate', ['Lead', 'VIP']), 5, state);
    expect(change.addedTags).toEqual(['VIP']);
  });
});
