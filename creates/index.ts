/** Every create action of the app, by key. */
import add_contact_tags from './add_contact_tags';
import complete_task from './complete_task';
import create_contact from './create_contact';
import create_note from './create_note';
import create_task from './create_task';
import delete_contact from './delete_contact';
import delete_task from './delete_task';
import remove_contact_tags from './remove_contact_tags';
import update_contact from './update_contact';
import update_note from './update_note';
import update_task from './update_task';
import upsert_contact from './upsert_contact';

export const creates = {
  [create_contact.key]: create_contact,
  [update_contact.key]: update_contact,
  [upsert_contact.key]: upsert_contact,
  [delete_contact.key]: delete_contact,
  [add_contact_tags.key]: add_contact_tags,
  [remove_contact_tags.key]: remove_contact_tags,
  [create_task.key]: create_task,
  [update_task.key]: update_task,
  [complete_task.key]: complete_task,
  [delete_task.key]: delete_task,
  [create_note.key]: create_note,
  [update_note.key]: update_note,
};
