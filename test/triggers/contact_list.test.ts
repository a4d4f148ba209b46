import contactList, { perform } from '../../triggers/contact_list';
import { appTester, highlevel, makeBundle } from '../helpers';
import { searchBody } from './fixtures';

const sort = [{ field: 'dateAdded', direction: 'desc' }];

describe('contact_list', () => {
  it('lists 100 contacts a page, newest first, labelled "Name (email or phone)", never a bare id', async () => {
    const scope = highlevel()
      .post('/contacts/search', searchBody({ pageLimit: 100, page: 1, sort }))
      .reply(200, {
        contacts: [
          { id: 'c1', firstName: 'Rosa', lastName: 'Diaz', email: 'rosa@example.com', phone: '+1415' },
          { id: 'c2', name: 'Jake Peralta', dateAdded: '2026-11-20T10:00:00.000Z' },
          { id: 'c3', email: 'amy@example.com' },
          { id: 'c4', phone: '+14155550123' },
          { id: 'c5' },
          { id: 'c6', firstName: 'Jake', lastName: 'Peralta', phone: '+14155550199' },
          { id: 'c7', firstName: 'Jake', companyName: 'NYPD' },
          { id: 'c8', email: 'gina@example.com', phone: '+14155550100' },
          { id: 'c9', dateAdded: '2026-11-21T10:00:00.000Z' },
        ],
      });

    const result = await appTester(perform, makeBundle({}));

    expect(result).toEqual([
      { id: 'c1', label: 'Rosa Diaz (rosa@example.com)' },
      { id: 'c2', label: 'Jake Peralta (added 2026-11-20)' },
      { id: 'c3', label: 'amy@example.com' },
      { id: 'c4', label: '+14155550123' },
      { id: 'c5', label: 'Unnamed contact (no name, email or phone)' },
      { id: 'c6', label: 'Jake Peralta (+14155550199)' },
      { id: 'c7', label: 'Jake (NYPD)' },
      { id: 'c8', label: 'gina@example.com (+14155550100)' },
      { id: 'c9', label: 'Unnamed contact (added 2026-11-21)' },
    ]);
    for (const { id, label } of result) expect(label).not.toContain(id);
    scope.done();
  });

  it("maps Zapier's 0-based meta.page to HighLevel's 1-based page", async () => {
    const scope = highlevel()
      .post('/contacts/search', searchBody({ pageLimit: 100, page: 3, sort }))
      .reply(200, { contacts: [] });

    expect(await appTester(perform, makeBundle({}, { page: 2 }))).toEqual([]);
    scope.done();
  });

  it('ends after HighLevel’s 10,000-contact paging limit without a request', async () => {
    const scope = highlevel()
      .post('/contacts/search')
      .reply(200, { contacts: [{ id: 'c1' }] });

    expect(await appTester(perform, makeBundle({}, { page: 100 }))).toEqual([]);
    expect(scope.isDone()).toBe(false);
  });

  it('is hidden and paginated', () => {
    expect(contactList.display.hidden).toBe(true);
    expect(contactList.operation.canPaginate).toBe(true);
  });
});
