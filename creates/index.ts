/** Every create action of the app, by key. */
import add_contact_followers from './add_contact_followers';
import add_contact_tags from './add_contact_tags';
import add_contact_to_campaign from './add_contact_to_campaign';
import add_contact_to_workflow from './add_contact_to_workflow';
import add_contacts_to_business from './add_contacts_to_business';
import add_tags_to_contacts from './add_tags_to_contacts';
import api_request from './api_request';
import complete_task from './complete_task';
import create_contact from './create_contact';
import create_note from './create_note';
import create_task from './create_task';
import delete_contact from './delete_contact';
import delete_note from './delete_note';
import delete_task from './delete_task';
import remove_contact_followers from './remove_contact_followers';
import remove_contact_from_all_campaigns from './remove_contact_from_all_campaigns';
import remove_contact_from_campaign from './remove_contact_from_campaign';
import remove_contact_from_workflow from './remove_contact_from_workflow';
import remove_contact_tags from './remove_contact_tags';
import remove_contacts_from_business from './remove_contacts_from_business';
import remove_tags_from_contacts from './remove_tags_from_contacts';
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
  [add_contact_to_workflow.key]: add_contact_to_workflow,
  [remove_contact_from_workflow.key]: remove_contact_from_workflow,
  [add_contact_to_campaign.key]: add_contact_to_campaign,
  [remove_contact_from_campaign.key]: remove_contact_from_campaign,
  [remove_contact_from_all_campaigns.key]: remove_contact_from_all_campaigns,
  [add_contact_followers.key]: add_contact_followers,
  [remove_contact_followers.key]: remove_contact_followers,
  [delete_note.key]: delete_note,
  [add_tags_to_contacts.key]: add_tags_to_contacts,
  [remove_tags_from_contacts.key]: remove_tags_from_contacts,
  [add_contacts_to_business.key]: add_contacts_to_business,
  [remove_contacts_from_business.key]: remove_contacts_from_business,
  [api_request.key]: api_request,
};
