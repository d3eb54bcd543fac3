import type { SourceFile } from "../engine/source-file.js";
import { usesModule, webRole, type ModuleInfo } from "../syntax/modules.js";

export type WebRole = "controller" | "live_view" | "live_component" | "channel" | "view" | "component" | "router" | "resolver" | "absinthe_schema";

const ROLE_BY_OPTION: Record<string, WebRole> = {
  controller: "controller",
  live_view: "live_view",
  live_component: "live_component",
  channel: "channel",
  view: "view",
  html: "view",
  component: "component",
  router: "router",
};

const ROLE_BY_USE: [string[], WebRole][] = [
  [["Phoenix.Controller"], "controller"],
  [["Phoenix.LiveView"], "live_view"],
  [["Phoenix.LiveComponent"], "live_component"],
  [["Phoenix.Channel"], "channel"],
  [["Phoenix.View", "Phoenix.HTML"], "view"],
  [["Phoenix.Component"], "component"],
  [["Phoenix.Router"], "router"],
  [["Absinthe.Schema", "Absinthe.Schema.Notation", "Absinthe.Relay.Schema", "Absinthe.Relay.Schema.Notation"], "absinthe_schema"],
];

/**
 * The Phoenix/Absinthe layer a module belongs to, from its `use` declarations (`use MyAppWeb,
 * :controller`, `use Phoenix.LiveView`, `use Absinthe.Schema`) or, for resolvers, its name or path.
 */
export function webRoleOf(mod: ModuleInfo, file: SourceFile): WebRole | undefined {
  const option = webRole(mod);
  if (option && ROLE_BY_OPTION[option]) return ROLE_BY_OPTION[option];
  for (const [names, role] of ROLE_BY_USE) if (usesModule(mod, ...names)) return role;
  if (/(^|\.)Resolvers?(\.|$)|Resolver$/.test(mod.name) || /\/resolvers?\//.test(file.path)) return "resolver";
  return undefined;
}

export function isLiveView(mod: ModuleInfo, file: SourceFile): boolean {
  const role = webRoleOf(mod, file);
  return role === "live_view" || role === "live_component";
}

/** Callbacks whose arguments come straight from the browser: LiveView events and params, channel messages. */
export function isClientInputCallback(mod: ModuleInfo, file: SourceFile, name: string, arity: number): boolean {
  const role = webRoleOf(mod, file);
  if (role === "live_view" || role === "live_component") return (name === "handle_event" && arity === 3) || (name === "handle_params" && arity === 3);
  if (role === "channel") return (name === "handle_in" && arity === 3) || (name === "join" && arity === 3);
  return false;
}
