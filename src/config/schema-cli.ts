import { readFileSync, writeFileSync } from "node:fs";
import { configReference } from "./docs.js";
import { configJsonSchema, replaceSection } from "./export-schema.js";

/** `npm run schema`: writes config.schema.json and the configuration reference in README.md. */
writeFileSync("config.schema.json", `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
writeFileSync("README.md", replaceSection(readFileSync("README.md", "utf8"), "config-reference", configReference()));
console.log("wrote config.schema.json and the configuration reference in README.md");
