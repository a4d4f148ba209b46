/**
 * Every trigger of the app, visible and hidden (dropdowns), registered by key. Built when the app is required:
 * - without RELAY_URL: today's polling triggers, exactly (`pollingTriggers`);
 * - with RELAY_URL (docs/INSTANT_TRIGGERS.md §1): the instant triggers under the visible labels, and the polling
 *   ones kept under their keys but hidden, so Zaps made before keep working
 *   (https://docs.zapier.com/platform/manage/change-trigger).
 */
import { instantTriggersEnabled } from '../lib/relay/config';
import { hiddenTrigger } from '../lib/relay/hook';
import businessList from './business_list';
import campaignList from './campaign_list';
import contactList from './contact_list';
import contactDeleted from './contact_deleted';
import contactTagAdded from './contact_tag_added';
import contactTagAddedInstant from './contact_tag_added_instant';
import contactTagRemoved from './contact_tag_removed';
import newAppointment from './new_appointment';
import newAppointmentInstant from './new_appointment_instant';
import newContact from './new_contact';
import newContactInstant from './new_contact_instant';
import newNote from './new_note';
import newNoteInstant from './new_note_instant';
import newTask from './new_task';
import newTaskInstant from './new_task_instant';
import noteList from './note_list';
import tagList from './tag_list';
import taskCompleted from './task_completed';
import taskCompletedInstant from './task_completed_instant';
import taskList from './task_list';
import timezoneList from './timezone_list';
import updatedContact from './updated_contact';
import updatedContactInstant from './updated_contact_instant';
import userList from './user_list';
import workflowList from './workflow_list';

export const pollingTriggers = {
  [newContact.key]: newContact,
  [contactTagAdded.key]: contactTagAdded,
  [updatedContact.key]: updatedContact,
  [newTask.key]: newTask,
  [taskCompleted.key]: taskCompleted,
  [newNote.key]: newNote,
  [newAppointment.key]: newAppointment,
  [contactList.key]: contactList,
  [userList.key]: userList,
  [tagList.key]: tagList,
  [businessList.key]: businessList,
  [timezoneList.key]: timezoneList,
  [taskList.key]: taskList,
  [noteList.key]: noteList,
  [workflowList.key]: workflowList,
  [campaignList.key]: campaignList,
};

/** The polling triggers an instant one replaces: hidden in the instant build. */
const REPLACED = new Set<string>([
  newContact.key,
  contactTagAdded.key,
  updatedContact.key,
  newTask.key,
  taskCompleted.key,
  newNote.key,
  newAppointment.key,
]);

/** The instant triggers, visible labels first, then every polling trigger (the replaced ones hidden). */
export const instantBuildTriggers = () => ({
  [newContactInstant.key]: newContactInstant,
  [contactTagAddedInstant.key]: contactTagAddedInstant,
  [contactTagRemoved.key]: contactTagRemoved,
  [updatedContactInstant.key]: updatedContactInstant,
  [contactDeleted.key]: contactDeleted,
  [newTaskInstant.key]: newTaskInstant,
  [taskCompletedInstant.key]: taskCompletedInstant,
  [newNoteInstant.key]: newNoteInstant,
  [newAppointmentInstant.key]: newAppointmentInstant,
  ...Object.fromEntries(
    Object.entries(pollingTriggers).map(([key, trigger]) => [
      key,
      REPLACED.has(key) ? hiddenTrigger(trigger) : trigger,
    ]),
  ),
});

// Typed as the keys both builds have (the operation catalogue, test/catalogue.ts, is keyed by them).
export const triggers: typeof pollingTriggers = instantTriggersEnabled()
  ? (instantBuildTriggers() as typeof pollingTriggers)
  : pollingTriggers;
