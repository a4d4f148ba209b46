/** Every trigger of the app, visible and hidden (dropdowns), registered by key. */
import businessList from './business_list';
import campaignList from './campaign_list';
import contactList from './contact_list';
import contactTagAdded from './contact_tag_added';
import newAppointment from './new_appointment';
import newContact from './new_contact';
import newNote from './new_note';
import newTask from './new_task';
import noteList from './note_list';
import tagList from './tag_list';
import taskCompleted from './task_completed';
import taskList from './task_list';
import timezoneList from './timezone_list';
import updatedContact from './updated_contact';
import userList from './user_list';
import workflowList from './workflow_list';

export const triggers = {
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
