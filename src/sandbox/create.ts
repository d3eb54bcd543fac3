import { createBubblewrapSandbox } from "./bubblewrap/backend.js";
import { createDockerSandbox } from "./docker/backend.js";
import { createNoneSandbox } from "./none/backend.js";
import type { BackendSandbox, SandboxBackendName, SandboxOptions } from "./types.js";

/**
 * The sandbox of one job. Create it after the workspace (and any cache restore) is in place: the
 * workspace and writable paths are handed to the sandbox uid here. Resolve the backend first with
 * `resolveBackend` (which also refuses `none` for the app).
 */
export function createSandbox(backend: SandboxBackendName, options: SandboxOptions): Promise<BackendSandbox> {
  switch (backend) {
    case "bubblewrap":
      return createBubblewrapSandbox(options);
    case "docker":
      return createDockerSandbox(options);
    case "none":
      return createNoneSandbox(options);
  }
}
