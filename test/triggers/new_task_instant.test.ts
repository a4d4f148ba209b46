import trigger from '../../triggers/new_task_instant';
import { highlevel, LOCATION_ID, requestGuard, sentAny, USER_ID } from '../helpers';
import {
  delivery,
  DELIVERY_ID,
  expectUnsubscribeWithoutToken,
  hookBundle,
  keysOf,
  runHook,
  subscribedBody,
  useRelayEnv,
} from '../lib/relay/fixtures';

useRelayEnv();

/** A TaskCreate as documented: the task's fields, its contact included. */
const documented = {
  id: 't1',
  title: 'Send the contract',
  body: 'Two copies.',
  assignedTo: USER_ID,
  contactId: 'c1',
  dateAdded: '2026-12-04T01:00:00.000Z',
  dueDate: '2026-12-06T17:00:00.000Z',
};
/** A TaskCreate as it really arrives (HighLevel issue #332): no contactId, no body. */
const sparse = {
  id: 't1',
  title: 'Send the contract',
  assignedTo: USER_ID,
  dueDate: '2026-12-06T17:00:00.000Z',
};

const created = (event: Record<string, unknown>) => delivery('new_task', 'TaskCreate', event);

const output = {
  id: DELIVERY_ID,
  taskId: 't1',
  title: 'Send the contract',
  body: 'Two copies.',
  dueDate: '2026-12-06T17:00:00.000+00:00',
  completed: false,
  assignedTo: USER_ID,
  contactId: 'c1',
  dateAdded: '2026-12-04T01:00:00.000+00:00',
  dateUpdated: null,
};

describe('new_task_instant', () => {
  it('subscribes with the contact and assignee', async () => {
    expect(await subscribedBody(trigger, { contactId: 'c1', assignedTo: USER_ID })).toMatchObject({
      locationId: LOCATION_ID,
      trigger: 'new_task',
      filters: { contactId: 'c1', assignedTo: USER_ID },
    });
  });

  it('unsubscribes with the app secret alone, after the connection expired', async () => {
    await expectUnsubscribeWithoutToken(trigger);
  });

  it('a documented TaskCreate: the task from the webhook, no request', async () => {
    const guard = requestGuard();

    expect(await runHook(trigger, 'perform', hookBundle({}, created(documented)))).toEqual([output]);
    expect(sentAny(guard)).toBe(false);
  });

  it('a TaskCreate without contactId and body: one task search fills them in', async () => {
    const search = highlevel()
      .post(`/locations/${LOCATION_ID}/tasks/search`, {
        query: 'Send the contract',
        assignedTo: [USER_ID],
        limit: 100,
      })
      .reply(200, {
        tasks: [
          { _id: 't0', title: 'Send the contract draft', contactId: 'c0', completed: false },
          {
            _id: 't1',
            title: 'Send the contract',
            body: 'Two copies.',
            contactId: 'c1',
            completed: false,
            dateAdded: '2026-12-04T01:00:00.000Z',
          },
        ],
      });

    expect(await runHook(trigger, 'perform', hookBundle({}, created(sparse)))).toEqual([output]);
    search.done();
  });

  it('the Contact filter applies after filling in: another contact fires nothing', async () => {
    highlevel()
      .post(`/locations/${LOCATION_ID}/tasks/search`)
      .reply(200, { tasks: [{ id: 't1', title: 'Send the contract', contactId: 'c1' }] });

    expect(await runHook(trigger, 'perform', hookBundle({ contactId: 'c2' }, created(sparse)))).toEqual([]);
  });

  it('a task the search does not find: output from the webhook, Contact ID empty', async () => {
    highlevel().post(`/locations/${LOCATION_ID}/tasks/search`).reply(200, { tasks: [] });

    expect(await runHook(trigger, 'perform', hookBundle({}, created(sparse)))).toEqual([
      { ...output, body: null, contactId: null, dateAdded: null },
    ]);
  });

  it('the Assigned User filter: another assignee fires nothing', async () => {
    expect(
      await runHook(trigger, 'perform', hookBundle({ assignedTo: 'someone-else' }, created(documented))),
    ).toEqual([]);
  });

  it("performList: New Task's sample, with the same keys as a fire", async () => {
    highlevel()
      .post(`/locations/${LOCATION_ID}/tasks/search`, { completed: false, limit: 3 })
      .reply(200, { tasks: [{ id: 't5', title: 'Call back', contactId: 'c5', completed: false }] });

    const listed = await runHook(trigger, 'performList', hookBundle({}, undefined));
    const fired = await runHook(trigger, 'perform', hookBundle({}, created(documented)));

    expect(listed.map((item) => [item.id, item.taskId])).toEqual([['t5', 't5']]);
    expect(keysOf(listed)).toEqual(keysOf(fired));
  });
});
