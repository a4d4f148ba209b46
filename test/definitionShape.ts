/**
 * The app definition as plain data, for comparing two builds: every function becomes "[function]" (a dynamic
 * field, a perform), everything else (keys, labels, help text, samples, output fields) is kept as it is.
 */
export const definitionShape = (value: unknown): unknown => {
  if (typeof value === 'function') return '[function]';
  if (Array.isArray(value)) return value.map(definitionShape);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, definitionShape(item)]));
  }
  return value;
};
