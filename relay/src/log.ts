/**
 * Structured logs: one JSON object a line on stderr. Callers pass ids and counts only — never a token, the app
 * secret, a signature or contact data (names, emails, phones, tag names, bodies).
 */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export const createLogger = (
  write: (line: string) => void = (line) => process.stderr.write(line),
): Logger => {
  const emit = (level: string, msg: string, fields: LogFields = {}) =>
    write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`);
  return {
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
  };
};

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
