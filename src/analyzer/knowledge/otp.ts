import { usesModule, type ModuleInfo } from "../syntax/modules.js";

/** A GenServer implementation (`use GenServer` or `@behaviour GenServer`). */
export function isGenServer(mod: ModuleInfo): boolean {
  return usesModule(mod, "GenServer", ":gen_server");
}

/** Behaviours whose callbacks should carry `@impl true`, with their callbacks as name/arity. */
export const OTP_CALLBACKS: { behaviours: string[]; callbacks: string[] }[] = [
  {
    behaviours: ["GenServer", ":gen_server"],
    callbacks: ["init/1", "handle_call/3", "handle_cast/2", "handle_info/2", "handle_continue/2", "terminate/2", "code_change/3", "format_status/1", "format_status/2"],
  },
  { behaviours: ["Supervisor", "DynamicSupervisor", ":supervisor"], callbacks: ["init/1"] },
];
