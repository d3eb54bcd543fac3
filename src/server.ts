import { run } from "probot";
import { createLogger } from "./logger.js";
import appFn, { shutdown } from "./index.js";

/**
 * `npm start`: the Probot server. On SIGTERM/SIGINT intake stops, running reviews complete their
 * check runs as interrupted (neutral), queued ones get a neutral check run, then the process exits.
 */
const log = createLogger();
const server = await run(appFn);
// Probot's own SIGINT handler exits at once; ours lets running reviews finish honestly first.
process.removeAllListeners("SIGINT");
let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down: finishing running reviews honestly");
    shutdown()
      .then(() => server.stop())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ err: error }, "error during shutdown");
          process.exit(1);
        },
      );
  });
}
