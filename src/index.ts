import { createApp } from "./app.js";

/** Probot entry: wires events to handlers, nothing else. `src/server.ts` adds graceful shutdown. */
const agent = createApp({
  ...(process.env.APP_ID ? { appId: Number(process.env.APP_ID) } : {}),
  ...(process.env.APP_SLUG ? { appSlug: process.env.APP_SLUG } : {}),
});

export const shutdown = () => agent.shutdown();
export default agent.appFn;
