/**
 * lib/tasks/model.ts: a HighLevel task → the Zapier output shape, and the location task search's `_id`.
 */
import { locationTaskSchema, normaliseTask } from '../../../lib/tasks/model';

describe('tasks', () => {
  it('normaliseTask: real booleans, ISO dates, the contact it belongs to', () => {
    expect(
      normaliseTask(
        {
          id: 't1',
          title: 'Call',
          body: '',
          dueDate: '2026-12-01T10:00:00Z',
          completed: true,
          contactId: null,
        },
        'c1',
      ),
    ).toEqual({
      id: 't1',
      title: 'Call',
      body: null,
      dueDate: '2026-12-01T10:00:00.000+00:00',
      completed: true,
      assignedTo: null,
      contactId: 'c1',
      dateAdded: null,
      dateUpdated: null,
    });
    expect(normaliseTask({ id: 't2', contactId: 'own' }, 'c1')).toMatchObject({
      completed: false,
      contactId: 'own',
    });
  });

  it('reads `_id` of a location task search as the id', () => {
    expect(locationTaskSchema().parse({ _id: 't9', title: 'x' })).toMatchObject({ id: 't9', title: 'x' });
    expect(locationTaskSchema().parse({ id: 't1', _id: 'other' })).toMatchObject({ id: 't1' });
  });
});
