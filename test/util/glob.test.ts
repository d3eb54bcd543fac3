import { describe, expect, it } from "vitest";
import { matchesAny, matchesGlob } from "../../src/util/glob.js";

describe("matchesGlob: the configuration's one glob dialect", () => {
  it("`**` crosses directories; `*` and `?` stay within one segment", () => {
    expect(matchesGlob("lib/app/deep/foo.ex", "lib/**/*.ex")).toBe(true);
    expect(matchesGlob("lib/foo.ex", "lib/**/*.ex")).toBe(true);
    expect(matchesGlob("lib/app/foo.ex", "lib/*.ex")).toBe(false);
    expect(matchesGlob("lib/a.ex", "lib/?.ex")).toBe(true);
    expect(matchesGlob("lib/ab.ex", "lib/?.ex")).toBe(false);
  });

  it("a pattern without a slash matches the file name anywhere", () => {
    expect(matchesGlob("lib/app/foo_pb.ex", "*_pb.ex")).toBe(true);
    expect(matchesGlob("lib/app/tasks/seed.exs", "*.exs")).toBe(true);
    expect(matchesGlob("lib/app/foo.ex", "*.exs")).toBe(false);
  });

  it("a pattern covers everything below a directory it names, with or without the slash", () => {
    expect(matchesGlob("lib/legacy/old.ex", "lib/legacy")).toBe(true);
    expect(matchesGlob("lib/legacy/deep/old.ex", "lib/legacy/")).toBe(true);
    expect(matchesGlob("lib/legacy_new.ex", "lib/legacy")).toBe(false);
    expect(matchesGlob("lib/legacy.ex", "./lib/legacy.ex")).toBe(true);
  });

  it("alternation (with globs inside) and character classes", () => {
    expect(matchesGlob("test/legacy/a_test.exs", "{lib,test}/legacy/**")).toBe(true);
    expect(matchesGlob("priv/legacy/a.ex", "{lib,test}/legacy/**")).toBe(false);
    expect(matchesGlob("lib/a.exs", "lib/{*.ex,*.exs}")).toBe(true);
    expect(matchesGlob("lib/b.ex", "lib/[ab].ex")).toBe(true);
    expect(matchesGlob("lib/c.ex", "lib/[ab].ex")).toBe(false);
    expect(matchesGlob("lib/c.ex", "lib/[!ab].ex")).toBe(true);
  });

  it("regex characters and unbalanced brackets are literal text", () => {
    expect(matchesGlob("lib/a+b.ex", "lib/a+b.ex")).toBe(true);
    expect(matchesGlob("lib/aab.ex", "lib/a+b.ex")).toBe(false);
    expect(matchesGlob("lib/{x.ex", "lib/{x.ex")).toBe(true);
    expect(matchesGlob("lib/[x.ex", "lib/[x.ex")).toBe(true);
    expect(matchesGlob("lib/x}.ex", "lib/x}.ex")).toBe(true);
  });

  it("matchesAny: any of the patterns", () => {
    expect(matchesAny("lib/legacy/a.ex", ["*.exs", "lib/legacy"])).toBe(true);
    expect(matchesAny("lib/a.ex", [])).toBe(false);
  });
});
