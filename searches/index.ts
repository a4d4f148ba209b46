/** Every search of the app, and the search-or-create pairings. */
import findAppointment from './find_appointment';
import findContact from './find_contact';
import findContactInBusiness from './find_contact_in_business';
import findNote from './find_note';
import findTask from './find_task';

export const searches = {
  [findContact.key]: findContact,
  [findContactInBusiness.key]: findContactInBusiness,
  [findTask.key]: findTask,
  [findNote.key]: findNote,
  [findAppointment.key]: findAppointment,
};

/** ZAPIER.md: a search-or-create's key is its search's key. */
export const searchOrCreates = {
  [findContact.key]: {
    key: findContact.key,
    display: {
      label: 'Find or Create Contact',
      description: 'Finds a contact by email, phone, name or keyword, and creates one when none is found.',
    },
    search: findContact.key,
    create: 'create_contact',
  },
};
