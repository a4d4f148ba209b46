/** lib/contacts/bulk.ts: HighLevel's bulk answers read one way, and the two families reporting alike. */
import { errors, type ZObject } from 'zapier-platform-core';
import {
  bulkBusinessOutput,
  bulkBusinessOutputFields,
  bulkTagsOutput,
  bulkTagsOutputFields,
} from '../../../lib/contacts/bulk';
import { errorDetails } from '../../../lib/core/errors';

const z = { errors } as unknown as ZObject;
const A = 'ocQHyuzHvysMo5N5VsXc';
const B = 'hB9T2KpQ3xWmZ1vLc8Ds';
const BUSINESS_ID = '63771dcac1116f0e21de8e12';

const failure = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return { name: (error as Error).name, ...errorDetails(error) };
  }
  throw new Error('did not fail');
};
const summary = (output: Record<string, unknown>) => {
  const { updatedContactIds, updatedCount, notUpdatedContactIds, notUpdatedCount, notUpdatedReasons } =
    output;
  return { updatedContactIds, updatedCount, notUpdatedContactIds, notUpdatedCount, notUpdatedReasons };
};

describe('bulkTagsOutput: responses as plain strings (as the spec types them)', () => {
  it('reads strings by errorCount: none failed, every contact sent was updated and none is a failure', () => {
    expect(
      summary(bulkTagsOutput(z, [A, B], ['vip'], { succeded: true, errorCount: 0, responses: ['ok', 'ok'] })),
    ).toEqual({
      updatedContactIds: [A, B],
      updatedCount: 2,
      notUpdatedContactIds: [],
      notUpdatedCount: 0,
      notUpdatedReasons: [],
    });
  });

  it('fails when every contact failed, with the strings as reasons, never reporting them updated', () => {
    const answers = ['contact is deleted', 'contact does not belong to location'];
    for (const result of [
      { succeded: false, errorCount: 2, responses: answers },
      { succeded: false, responses: answers },
      { errorCount: 2, responses: answers },
    ]) {
      expect(failure(() => bulkTagsOutput(z, [A, B], ['vip'], result))).toEqual({
        name: 'AppError',
        code: 'bad_request',
        message:
          'HighLevel updated none of the contacts (contact is deleted; contact does not belong to location).',
      });
    }
  });

  it("some failed, unnamed: the counts are HighLevel's, and no contact is listed as one or the other", () => {
    expect(
      summary(
        bulkTagsOutput(z, [A, B], ['vip'], {
          succeded: true,
          errorCount: 1,
          responses: ['Tags updated', 'contact is deleted'],
        }),
      ),
    ).toEqual({
      updatedContactIds: [],
      updatedCount: 1,
      notUpdatedContactIds: [],
      notUpdatedCount: 1,
      notUpdatedReasons: [],
    });
  });
});

describe('bulkTagsOutput: one object per contact (the spec example)', () => {
  it('names each contact updated, and each not updated with its reason', () => {
    expect(
      summary(
        bulkTagsOutput(z, [A, B], ['vip'], {
          succeded: true,
          errorCount: 1,
          responses: [
            { contactId: A, message: 'Tags updated', type: 'success' },
            { contactId: B, message: 'contact is deleted', type: 'error' },
          ],
        }),
      ),
    ).toEqual({
      updatedContactIds: [A],
      updatedCount: 1,
      notUpdatedContactIds: [B],
      notUpdatedCount: 1,
      notUpdatedReasons: ['contact is deleted'],
    });
  });
});

describe('both families agree (docs/ACTIONS.md §3)', () => {
  it('fail the same way when no contact was updated', () => {
    const tags = failure(() =>
      bulkTagsOutput(z, [A], ['vip'], {
        succeded: false,
        errorCount: 1,
        responses: [{ contactId: A, message: 'contact is deleted', type: 'error' }],
      }),
    );
    const reason = 'not updated (check that the contact exists in this sub-account)';
    for (const result of [{ success: false, ids: [] }, { success: true, ids: [] }, { success: false }]) {
      const business = failure(() => bulkBusinessOutput(z, [A], BUSINESS_ID, result));
      expect(business).toEqual({
        name: 'AppError',
        code: 'bad_request',
        message: `HighLevel updated none of the contacts (${A}: ${reason}).`,
      });
      expect(business.name).toBe(tags.name);
      expect(business.code).toBe(tags.code);
    }
    expect(tags.message).toBe(`HighLevel updated none of the contacts (${A}: contact is deleted).`);
  });

  it('give the same summary keys, with the same labels and types', () => {
    const shared = (fields: Array<{ key: string }>) => fields.slice(1);
    expect(shared(bulkTagsOutputFields)).toEqual(shared(bulkBusinessOutputFields));
    expect(shared(bulkTagsOutputFields)).toEqual([
      { key: 'id', label: 'Bulk Change ID', type: 'string' },
      { key: 'updatedContactIds', label: 'Updated Contact IDs', type: 'string', list: true, primary: true },
      { key: 'updatedCount', label: 'Number of Contacts Updated', type: 'integer' },
      { key: 'notUpdatedContactIds', label: 'Not Updated: Contact IDs', type: 'string', list: true },
      { key: 'notUpdatedCount', label: 'Number of Contacts Not Updated', type: 'integer' },
      { key: 'notUpdatedReasons', label: 'Not Updated: Reasons', type: 'string', list: true },
    ]);
    expect(summary(bulkBusinessOutput(z, [A, B], BUSINESS_ID, { success: true, ids: [A] }))).toEqual({
      updatedContactIds: [A],
      updatedCount: 1,
      notUpdatedContactIds: [B],
      notUpdatedCount: 1,
      notUpdatedReasons: ['not updated (check that the contact exists in this sub-account)'],
    });
  });
});
