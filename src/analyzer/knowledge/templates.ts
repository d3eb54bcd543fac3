/**
 * Elixir expressions inside EEx/HEEx templates: `<%= … %>` / `<% … %>` tags (not `<%# %>` or
 * `<%!-- --%>` comments, nor `<%%` escapes) and, in HEEx, `{…}` interpolations in attributes and text (outside
 * `<script>`, `<style>` and `phx-no-curly-interpolation` blocks). Offsets are into `text`.
 */
export interface TemplateExpression {
  start: number;
  end: number;
  code: string;
}

export function templateExpressions(text: string, heex: boolean): TemplateExpression[] {
  const out: TemplateExpression[] = [];
  let i = 0;
  let rawUntil: string | undefined; // inside <script>, <style> or a no-curly block: braces are text
  while (i < text.length) {
    if (text.startsWith("<%!--", i)) {
      const close = text.indexOf("--%>", i + 5);
      if (close === -1) break;
      i = close + 4;
      continue;
    }
    if (text.startsWith("<%", i)) {
      const close = text.indexOf("%>", i + 2);
      if (close === -1) break;
      const kind = text[i + 2];
      if (kind !== "#" && kind !== "%") {
        const start = i + (kind === "=" ? 3 : 2);
        out.push({ start, end: close, code: text.slice(start, close) });
      }
      i = close + 2;
      continue;
    }
    if (heex && text[i] === "<") {
      const tag = /^<(\/?)([a-zA-Z][\w.:-]*)[^>]*>?/.exec(text.slice(i, i + 400));
      if (tag) {
        const name = tag[2]!.toLowerCase();
        if (rawUntil === undefined && !tag[1] && (name === "script" || name === "style" || tag[0].includes("phx-no-curly-interpolation"))) {
          rawUntil = `</${name}`;
        } else if (rawUntil !== undefined && text.slice(i, i + rawUntil.length).toLowerCase() === rawUntil) rawUntil = undefined;
      }
    }
    if (heex && rawUntil === undefined && text[i] === "{") {
      const close = matchingBrace(text, i);
      if (close === -1) break;
      out.push({ start: i + 1, end: close, code: text.slice(i + 1, close) });
      i = close + 1;
      continue;
    }
    i++;
  }
  return out;
}

/** The index of the `}` closing the `{` at `open`, skipping strings; -1 when unbalanced. */
function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      i = skipString(text, i);
      continue;
    }
    if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i;
  }
  return -1;
}

function skipString(text: string, quote: number): number {
  for (let i = quote + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i;
  }
  return text.length;
}

/** The argument text of a call whose `(` is at `open` (balanced), or undefined. */
export function parenthesised(code: string, open: number): string | undefined {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    const c = code[i];
    if (c === '"') {
      i = skipString(code, i);
      continue;
    }
    if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return code.slice(open + 1, i);
  }
  return undefined;
}
