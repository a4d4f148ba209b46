/**
 * lib/notes/model.ts: a HighLevel note → the Zapier output shape.
 */
import { normaliseNote } from '../../../lib/notes/model';

describe('notes', () => {
  it('normaliseNote', () => {
    expect(
      normaliseNote({ id: 'n1', body: 'Hi', userId: 'u1', dateAdded: '2026-11-20T15:12:00.000Z' }, 'c1'),
    ).toEqual({
      id: 'n1',
      body: 'Hi',
      userId: 'u1',
      contactId: 'c1',
      dateAdded: '2026-11-20T15:12:00.000+00:00',
    });
  });
});
