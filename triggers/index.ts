/** Every trigger of the app, visible and hidden (dropdowns). Owned by the triggers work. */
export const triggers = {};
