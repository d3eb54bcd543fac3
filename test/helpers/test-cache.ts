import { tmpdir } from "node:os";
import { join } from "node:path";

/** One cache directory for every test file, so the core PLT is built once per machine (a lock serialises it). */
export const TEST_CACHE_DIR = join(tmpdir(), "elixir-agent-test-cache");
