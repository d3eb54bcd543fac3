import type { Rule } from "./rule.js";
import type { RuleInfo } from "./types.js";
import { noComplexityLimit } from "./rules/absinthe-no-complexity-limit.js";
import { resolverNPlusOne } from "./rules/absinthe-resolver-n-plus-one.js";
import { missingModuledoc } from "./rules/docs-missing-moduledoc.js";
import { castWithoutValidation } from "./rules/ecto-cast-without-validation.js";
import { migrationBackfill } from "./rules/ecto-migration-backfill.js";
import { migrationIndexNotConcurrent } from "./rules/ecto-migration-index-not-concurrent.js";
import { migrationNotNull } from "./rules/ecto-migration-not-null.js";
import { migrationRemoveColumn } from "./rules/ecto-migration-remove-column.js";
import { queryInLoop } from "./rules/ecto-query-in-loop.js";
import { referencesWithoutIndex } from "./rules/ecto-references-without-index.js";
import { eventToAtom } from "./rules/liveview-event-to-atom.js";
import { largeAssign } from "./rules/liveview-large-assign.js";
import { mountWithoutConnected } from "./rules/liveview-mount-without-connected.js";
import { callInfinity } from "./rules/otp-call-infinity.js";
import { dynamicProcessName } from "./rules/otp-dynamic-process-name.js";
import { handleInfoCatchAll } from "./rules/otp-handle-info-catch-all.js";
import { heavyInit } from "./rules/otp-heavy-init.js";
import { implTrue } from "./rules/otp-impl-true.js";
import { sleepInCallback } from "./rules/otp-sleep-in-callback.js";
import { taskAsyncNotAwaited } from "./rules/otp-task-async-not-awaited.js";
import { unsupervisedProcess } from "./rules/otp-unsupervised-process.js";
import { repoInWebLayer } from "./rules/phoenix-repo-in-web-layer.js";
import { atomFromInput } from "./rules/security-atom-from-input.js";
import { binaryToTerm } from "./rules/security-binary-to-term.js";
import { codeEval } from "./rules/security-code-eval.js";
import { commandInjection } from "./rules/security-command-injection.js";
import { csrfPipeline } from "./rules/security-csrf-pipeline.js";
import { hardcodedSecret } from "./rules/security-hardcoded-secret.js";
import { rawHtml } from "./rules/security-raw-html.js";
import { sqlInterpolation } from "./rules/security-sql-interpolation.js";
import { missingSpec } from "./rules/types-missing-spec.js";
import { testProcessSleep } from "./rules/test-process-sleep.js";
import { untestedChange } from "./rules/test-untested-change.js";

/** Every rule, in catalogue order (by area). Adding a rule = one file + one line here. */
export const RULES: readonly Rule[] = [
  implTrue,
  handleInfoCatchAll,
  unsupervisedProcess,
  taskAsyncNotAwaited,
  callInfinity,
  heavyInit,
  sleepInCallback,
  dynamicProcessName,
  atomFromInput,
  sqlInterpolation,
  rawHtml,
  csrfPipeline,
  binaryToTerm,
  codeEval,
  commandInjection,
  hardcodedSecret,
  repoInWebLayer,
  queryInLoop,
  castWithoutValidation,
  migrationIndexNotConcurrent,
  migrationRemoveColumn,
  migrationNotNull,
  migrationBackfill,
  referencesWithoutIndex,
  mountWithoutConnected,
  largeAssign,
  eventToAtom,
  resolverNPlusOne,
  noComplexityLimit,
  testProcessSleep,
  missingSpec,
  missingModuledoc,
  untestedChange,
];

export function ruleInfos(): RuleInfo[] {
  return RULES.map(({ id, checklistItem, severity, title }) => ({ id, checklistItem, severity, title }));
}
