import { compileStep } from "./compile/step.js";
import { credoStep } from "./credo/step.js";
import { depsStep } from "./deps/step.js";
import { dialyzerStep } from "./dialyzer/step.js";
import { formatStep } from "./format/step.js";
import { testStep } from "./test/step.js";
import type { ToolStep } from "./types.js";

/** Every step, in the order they run. A new tool is one folder and one line here. */
export const STEPS: readonly ToolStep[] = [depsStep, compileStep, formatStep, testStep, credoStep, dialyzerStep];
