/** Every search of the app, and the search-or-create pairings. */
export const searches = {};
export const searchOrCreates = {};
