import trigger from '../../triggers/task_completed_instant';
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

/** A TaskComplete as documented (no `completed` flag: the event says it). */
const documented = {
  id: 't1',
  title: 'Send the contract',
  body: 'Two copies.',
  assignedTo: USER_ID,
  contactId: 'c1',
  dateAdded: '2026-12-04T01:00:00.000Z',
  dueDate: '2026-12-06T17:00:00.000Z',
};

const completed = (event: Record<string, unknown>) => delivery('task_completed', 'TaskComplete', event);

describe('task_completed_instant', () => {
  it('subscribes with the contact and assignee', async () => {
    expect(await subscribedBody(trigger, { assignedTo: USER_ID })).toMatchObject({
      locationId: LOCATION_ID,
      trigger: 'task_completed',
      filters: { assignedTo: USER_ID },
    });
  });

  it('unsubscribes with the app secret alone, after the connection expired', async () => {
    await expectUnsubscribeWithoutToken(trigger);
  });

  it('a documented TaskComplete: the task, completed, no request', async () => {
    const guard = requestGuard();

    expect(await runHook(trigger, 'perform', hookBundle({ contactId: 'c1' }, completed(documented)))).toEqual(
      [
        {
          id: DELIVERY_ID,
          taskId: 't1',
          title: 'Send the contract',
          body: 'Two copies.',
          dueDate: '2026-12-06T17:00:00.000+00:00',
          completed: true,
          assignedTo: USER_ID,
          contactId: 'c1',
          dateAdded: '2026-12-04T01:00:00.000+00:00',
          dateUpdated: null,
        },
      ],
    );
    expect(sentAny(guard)).toBe(false);
  });

  it('a sparse TaskComplete without its contact: filled in by one task search', async () => {
    highlevel()
      .post(`/locations/${LOCATION_ID}/tasks/search`, { query: 'Send the contract', limit: 100 })
      .reply(200, {
        tasks: [
          { id: 't1', title: 'Send the contract', body: 'Two copies.', contactId: 'c1', completed: true },
        ],
      });

    const [item] = await runHook(
      trigger,
      'perform',
      hookBundle({}, completed({ id: 't1', title: 'Send the contract' })),
    );

    expect(item).toMatchObject({
      id: DELIVERY_ID,
      taskId: 't1',
      contactId: 'c1',
      body: 'Two copies.',
      completed: true,
    });
  });

  it('another contact than the chosen one fires nothing', async () => {
    expect(await runHook(trigger, 'perform', hookBundle({ contactId: 'c2' }, completed(documented)))).toEqual(
      [],
    );
  });

  it("performList: Task Completed's sample, with the same keys as a fire", async () => {
    highlevel()
      .post(`/locations/${LOCATION_ID}/tasks/search`, { completed: true, limit: 3 })
      .reply(200, { tasks: [{ id: 't5', title: 'Call back', contactId: 'c5', completed: true }] });

    const listed = await runHook(trigger, 'performList', hookBundle({}, undefined));
    const fired = await runHook(trigger, 'perform', hookBundle({}, completed(documented)));

    expect(listed.map((item) => item.taskId)).toEqual(['t5']);
    expect(keysOf(listed)).toEqual(keysOf(fired));
  });
});
