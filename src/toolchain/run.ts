import { join } from "node:path";
import { cacheKeys } from "./cache/keys.js";
import { restoreProjectCache, saveProjectCache } from "./cache/project.js";
import { CacheStore } from "./cache/store.js";
import { preparePlt } from "./dialyzer/plt.js";
import { stepEnv, toolchainEnv } from "./env.js";
import { HELPERS_DIR, toolchainSandboxOptions } from "./helpers.js";
import { RepoPaths } from "./paths.js";
import { handOver, sandboxUid } from "./own.js";
import { probeVersions } from "./probe.js";
import { readProjectFacts } from "./project-files.js";
import { STEPS } from "./registry.js";
import { outcome } from "./result.js";
import type { StepContext, StepId, StepResult, ToolchainFacts, ToolchainInput, ToolchainReport, ToolStep } from "./types.js";
import { versionWarning } from "./versions/check.js";
import { prepareWorkDirs } from "./workdir.js";

/**
 * The toolchain stage: deps → compile → format → test (+ coverage) → credo → dialyzer in the
 * sandbox, each step's output turned into findings. Steps whose needs failed are skipped with
 * the reason; a step that cannot run is `not_run`, never a code failure. Only infrastructure
 * before the first step (no Elixir in the sandbox) makes the whole stage `ran: false`.
 */
export async function runToolchain(input: ToolchainInput): Promise<ToolchainReport> {
  const { workspace, config, signal } = input;
  const log = input.log.child({ stage: "toolchain" });
  if (!config.enabled) return { ran: false, reason: "the toolchain is switched off in the configuration", sandbox: null, steps: [] };
  if (!workspace.project.mix) return { ran: false, reason: "no mix.exs at the repository root", sandbox: null, steps: [] };

  // 1. Our directories exist before the sandbox opens, so it hands them to its uid with the checkout.
  const work = await prepareWorkDirs(workspace.root);
  const sandbox = await input.openSandbox(toolchainSandboxOptions());
  const base = { sandbox: sandbox.backend, steps: [] as StepResult[] };
  await handOver([work.root], sandboxUid(sandbox));
  // 2. What the sandbox runs decides the cache keys and what to tell about versions.
  const env = toolchainEnv(config, work, input.env);
  const versions = await probeVersions(sandbox, workspace.root, HELPERS_DIR, env, signal);
  if ("error" in versions) {
    const steps = STEPS.map((s) => outcome(s.id, "not_run", versions.error));
    for (const step of steps) input.onStep?.(step);
    return { ...base, ran: false, reason: versions.error, steps };
  }
  const report: ToolchainReport = { ...base, ran: true, versions: { elixir: versions.elixir, otp: versions.otp } };
  const warning = versionWarning(workspace.project, versions);
  if (warning) report.versionWarning = warning;

  // 3. Caches: copies of what a default-branch run saved, handed to the sandbox's uid.
  const cache = new CacheStore(input.settings.cacheDir, input.settings.cacheMaxMb * 1024 ** 2);
  const project = await readProjectFacts(workspace.root, workspace.project, config.mixEnv);
  const keys = cacheKeys(versions, project.mixLock, config.mixEnv);
  const restored = await restoreProjectCache(cache, input.cacheScope, keys, workspace.root, work, log);
  const saved: string[] = [];
  const restoredTrees = [work.root, ...(restored.includes("deps") ? [join(workspace.root, "deps")] : []), ...(restored.includes("build") ? [join(workspace.root, "_build")] : [])];
  await handOver(restoredTrees, sandboxUid(sandbox));

  // 4. The core PLT, before any project code runs.
  const facts: ToolchainFacts = { apps: project.apps, usesHex: project.usesHex };
  // A warm-up runs up to compile (and still builds the PLT); a step job runs one step and its needs.
  const wanted = input.warm ? withNeeds("compile") : input.only ? withNeeds(input.only) : undefined;
  const plainDialyzer = config.steps.dialyzer.enabled !== false && !workspace.project.deps.dialyxir && (!wanted || wanted.has("dialyzer") || input.warm === true);
  if (plainDialyzer && !signal.aborted) {
    // Nothing of the PR has run yet, so nothing of it can reach the PLT: any run may cache it.
    facts.plt = await preparePlt({
      sandbox,
      cache,
      key: keys.plt,
      versions,
      work,
      env,
      timeoutMs: (config.steps.dialyzer.timeoutSeconds ?? 1200) * 1000,
      signal,
      log,
    });
    if ("path" in facts.plt) (facts.plt.cached ? restored : saved).push("plt");
  }
  const paths = await RepoPaths.scan(workspace.root, facts.apps);

  // 5. The steps, in order; a step whose needs failed is skipped with the reason.
  const results = new Map<StepId, StepResult>();
  const blocked = new Set<StepId>();
  for (const step of STEPS) {
    if (wanted && !wanted.has(step.id)) {
      const skipped = outcome(step.id, "skipped", input.warm ? "not part of a cache warm-up" : `not requested (re-running ${input.only} only)`);
      results.set(step.id, skipped);
      report.steps.push(skipped);
      input.onStep?.(skipped);
      continue;
    }
    const ctx: StepContext = {
      workspace,
      sandbox,
      config,
      helpersDir: HELPERS_DIR,
      outDir: work.out,
      env: stepEnv(env, step.id),
      versions,
      paths,
      facts,
      previous: results,
      deadline: Date.now() + (config.steps[step.id].timeoutSeconds ?? step.defaultTimeoutSeconds) * 1000,
      signal,
      log: log.child({ step: step.id }),
    };
    const result = await runStep(step, ctx, results, blocked);
    results.set(step.id, result);
    report.steps.push(result);
    input.onStep?.(result);
  }

  // 6. Only a default-branch run writes the project caches back.
  if (input.writeCache && !signal.aborted) {
    const which = new Set<"deps" | "hex-home" | "build" | "mix-home">(["mix-home"]);
    if (results.get("deps")?.status === "passed" && !restored.includes("deps")) which.add("deps").add("hex-home");
    if (results.get("compile")?.status === "passed") which.add("build");
    saved.push(...(await saveProjectCache(cache, input.cacheScope, keys, workspace.root, work, which, log)));
  }
  report.cache = { restored, saved };
  return report;
}

async function runStep(step: ToolStep, ctx: StepContext, results: Map<StepId, StepResult>, blocked: Set<StepId>): Promise<StepResult> {
  if (ctx.signal.aborted) return outcome(step.id, "not_run", "cancelled");
  const skip = ctx.config.steps[step.id].enabled === false ? "switched off in the configuration" : step.skipReason?.(ctx);
  if (skip) return outcome(step.id, "skipped", skip);
  for (const need of step.needs) {
    const prior = results.get(need);
    if (!prior || !(prior.status === "failed" || prior.status === "not_run" || blocked.has(need))) continue;
    blocked.add(step.id);
    return outcome(step.id, "skipped", unmetReason(need, prior));
  }
  const started = Date.now();
  try {
    return await step.run(ctx);
  } catch (error) {
    ctx.log.error({ err: error }, "toolchain step crashed");
    return outcome(step.id, "not_run", `internal error: ${(error as Error).message ?? String(error)}`, started);
  }
}

/** A step and everything it needs, transitively. */
function withNeeds(id: StepId): Set<StepId> {
  const out = new Set<StepId>();
  const visit = (s: StepId) => {
    if (out.has(s)) return;
    out.add(s);
    for (const need of STEPS.find((x) => x.id === s)?.needs ?? []) visit(need);
  };
  visit(id);
  return out;
}

function unmetReason(need: StepId, prior: StepResult): string {
  const why = prior.reason ?? prior.status;
  if (why.startsWith("dependencies unavailable")) return why;
  if (need === "compile" && prior.status === "failed") return "the project does not compile";
  if (prior.status === "skipped") return `needs ${need}, which was skipped (${why})`;
  return `needs ${need}, which did not run (${why})`;
}
