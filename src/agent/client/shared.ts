import { createHash } from "node:crypto";
import type { ClaudeClientOptions } from "./claude-client.js";
import { ClaudeClient } from "./claude-client.js";

const clients = new Map<string, ClaudeClient>();

/**
 * One client (and so one circuit breaker) per API key and base URL for the whole process: every
 * review and every `ask` command shares it. The key is only used hashed as a map key. Pass the
 * job's logger to `createMessage` so warnings carry the job's bindings.
 */
export function sharedClient(apiKey: string, baseUrl?: string): ClaudeClient {
  const id = `${baseUrl ?? ""}\0${createHash("sha256").update(apiKey).digest("hex")}`;
  let client = clients.get(id);
  if (!client) {
    const options: ClaudeClientOptions = { apiKey };
    if (baseUrl) options.baseUrl = baseUrl;
    client = new ClaudeClient(options);
    clients.set(id, client);
  }
  return client;
}
