/** HQ's supervision (督办) and reminders (催报): writing at HQ, states and lists, and their travel in reference packages. */
export { addSupervision, liftSupervision, remindOffice, closeReminder, closePackageReminders } from './write';
export { supervisionStates, supervisionNotes, problemIdsWhere } from './state';
export { listItems as listSupervision, summary as supervisionSummary } from './lists';
