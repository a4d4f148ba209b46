/** Every create action of the app. */
export const creates = {};
