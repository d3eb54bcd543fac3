import { describe, expect, it } from "vitest";
import { templateExpressions } from "../../src/analyzer/knowledge/templates.js";

const codes = (text: string, heex = true) => templateExpressions(text, heex).map((e) => e.code.trim());

describe("template expressions", () => {
  it("finds EEx tags and HEEx curly interpolations, with offsets into the text", () => {
    const text = `<p class={@class}><%= @title %></p>\n<%= if @show do %>{@body}<% end %>`;
    const found = templateExpressions(text, true);
    expect(found.map((e) => e.code.trim())).toEqual(["@class", "@title", "if @show do", "@body", "end"]);
    for (const e of found) expect(text.slice(e.start, e.end)).toBe(e.code);
  });

  it("skips comments and escapes", () => {
    expect(codes(`<%# raw(@x) %><%!-- {raw(@y)} --%><%% raw(@z) %>{@ok}`)).toEqual(["@ok"]);
  });

  it("treats braces in <script>, <style> and phx-no-curly-interpolation as text", () => {
    const text = `<script>const a = {b: 1};</script><style>p { color: red }</style><code phx-no-curly-interpolation>{x}</code>{@after}`;
    expect(codes(text)).toEqual(["@after"]);
  });

  it("balances nested braces and ignores braces in strings", () => {
    expect(codes(`<.link navigate={~p"/x/#{@id}"} class={"a}" <> @b}>x</.link>`)).toEqual(['~p"/x/#{@id}"', '"a}" <> @b']);
  });

  it("only reads EEx tags in .eex/.leex templates", () => {
    expect(codes(`{not_code} <%= @x %>`, false)).toEqual(["@x"]);
  });
});
