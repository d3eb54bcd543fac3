import { callName, moduleName } from "../syntax/calls.js";
import type { SyntaxNode } from "../syntax/node.js";
import { isRepoCall } from "./repo.js";

const HTTP_MODULES = new Set(["HTTPoison", "Req", "Tesla", "Finch", ":httpc", ":hackney", "Mint.HTTP", "HTTPotion", ":gen_tcp", ":ssl"]);
const HTTP_FUNCTIONS = /^(get|get!|post|post!|put|put!|patch|patch!|delete|delete!|head|head!|request|request!|connect|run|run!)$/;

/** The calls that put the calling process to sleep. */
export const SLEEPS: ReadonlySet<string> = new Set(["Process.sleep", ":timer.sleep"]);
const BLOCKING = new Set(["System.cmd", "System.shell", ":os.cmd", ...SLEEPS, "Postgrex.query", "Postgrex.query!", "Redix.command", "Redix.command!"]);

/** A call that waits on I/O or time: a database query, an HTTP or socket request, a shell command, a sleep. */
export function blockingKind(call: SyntaxNode): string | undefined {
  if (isRepoCall(call)) return "a database query";
  const name = callName(call);
  if (!name) return undefined;
  if (BLOCKING.has(name)) return name.includes("sleep") ? "a sleep" : name.includes("cmd") || name.includes("shell") ? "an external command" : "a database query";
  const mod = moduleName(call);
  const fn = name.slice(name.lastIndexOf(".") + 1);
  if (mod && HTTP_MODULES.has(mod) && HTTP_FUNCTIONS.test(fn)) return "a network request";
  return undefined;
}
