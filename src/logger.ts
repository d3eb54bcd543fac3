import { pino } from "pino";

/** The subset of pino's logger the stages use; Probot's `app.log` and `context.log` satisfy it. */
export interface Logger {
  debug(obj: unknown, msg?: string): void;
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** A pino logger writing JSON to stderr (stdout belongs to the CLI's output). */
export function createLogger(level = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({ level, base: null }, pino.destination(2));
}

/** A logger that drops everything (tests, `--quiet`). */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
