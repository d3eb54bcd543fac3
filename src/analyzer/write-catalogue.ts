import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { withCatalogue } from "./catalogue.js";
import { RULES } from "./registry.js";

/** Regenerates the rule catalogue in README.md from the registry: `npx tsx src/analyzer/write-catalogue.ts`. */
const readme = fileURLToPath(new URL("../../README.md", import.meta.url));
await writeFile(readme, withCatalogue(await readFile(readme, "utf8"), RULES));
