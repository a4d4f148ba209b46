/** Every search of the app, and the search-or-create pairings. */
import findContact from './find_contact';

export const searches = {
  [findContact.key]: findContact,
};

export const searchOrCreates = {
  find_contact: {
    key: 'find_contact',
    display: {
      label: 'Find or Create Contact',
      description: 'Finds a contact by email, phone, name or keyword, and creates it when none is found.',
    },
    search: 'find_contact',
    create: 'create_contact',
  },
};
