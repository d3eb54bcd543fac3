import { writeFileSync } from "node:fs";
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

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2] ?? "config.schema.json";
  writeFileSync(out, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
  console.log(`wrote ${out}`);
}
