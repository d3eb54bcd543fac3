import { configJsonSchema } from "./export-schema.js";

interface Node {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Node[];
  properties?: Record<string, Node>;
  additionalProperties?: Node | boolean;
  items?: Node;
  minimum?: number;
  maximum?: number;
}

/** The configuration reference as a Markdown table, generated from the zod schema (README). */
export function configReference(): string {
  const rows: string[] = ["| setting | type | default | description |", "|---|---|---|---|"];
  const walk = (node: Node, path: string) => {
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const name = path ? `${path}.${key}` : key;
      if (child.properties) {
        walk(child, name);
        continue;
      }
      rows.push(`| \`${name}\` | ${typeOf(child)} | ${defaultOf(child)} | ${(child.description ?? "").replace(/\|/g, "\\|")} |`);
      if (child.items?.properties) walk(child.items, `${name}[]`);
    }
  };
  walk(configJsonSchema() as Node, "");
  return rows.join("\n");
}

function typeOf(node: Node): string {
  if (node.enum) return node.enum.map((v) => `\`${JSON.stringify(v)}\``).join(" \\| ");
  if (node.anyOf) return node.anyOf.map(typeOf).join(" \\| ");
  if (node.const !== undefined) return `\`${JSON.stringify(node.const)}\``;
  if (node.type === "array") return `list of ${node.items ? (node.items.properties ? "objects" : typeOf(node.items)) : "values"}`;
  if (node.type === "object") return "map";
  const range = node.minimum !== undefined || node.maximum !== undefined ? ` (${node.minimum ?? ""}–${node.maximum ?? ""})` : "";
  return `${Array.isArray(node.type) ? node.type.join(" \\| ") : (node.type ?? "any")}${range}`;
}

function defaultOf(node: Node): string {
  return node.default === undefined ? "–" : `\`${JSON.stringify(node.default)}\``;
}
