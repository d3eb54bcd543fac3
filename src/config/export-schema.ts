import { z } from "zod";
import { ConfigSchema } from "./schema.js";

/** `npm run schema`: writes config.schema.json for editors (yaml-language-server). */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ConfigSchema, { io: "input", target: "draft-2020-12" }),
    $id: "https://github.com/elixir-agent/elixir-agent/config.schema.json",
    title: "elixir-agent configuration",
  };
}

/** Replaces the text between `<!-- BEGIN name -->` and `<!-- END name -->`. */
export function replaceSection(text: string, name: string, body: string): string {
  const begin = `<!-- BEGIN ${name} -->`;
  const end = `<!-- END ${name} -->`;
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${begin} … ${end} section`);
  return `${text.slice(0, from + begin.length)}\n${body}\n${text.slice(to)}`;
}
