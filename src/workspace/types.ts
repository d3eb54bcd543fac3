/** A parsed unified diff, new-side oriented: what reviews and comments need. */

export type FileStatus = "added" | "modified" | "deleted" | "renamed" | "copied";

export interface DiffLine {
  kind: "context" | "add" | "del";
  /** Line number on the old side (absent for additions). */
  oldLine?: number;
  /** Line number on the new side (absent for deletions). */
  newLine?: number;
  text: string;
}

export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  header: string;
  lines: DiffLine[];
}

export interface DiffFile {
  /** New path (old path for deletions). */
  path: string;
  oldPath?: string;
  status: FileStatus;
  binary: boolean;
  hunks: Hunk[];
  /** New-side lines that were added. */
  addedLines: number[];
  /** New-side lines that a review comment may sit on (added + context lines of every hunk). */
  commentableLines: number[];
  additions: number;
  deletions: number;
  oldMode?: string;
  newMode?: string;
  /** The new side has no newline at end of file. */
  noNewlineAtEnd: boolean;
}

export interface ProjectShape {
  /** `mix.exs` exists at the repository root. */
  mix: boolean;
  umbrella: boolean;
  /** `apps_path` of an umbrella (default `apps`). */
  appsPath?: string;
  /** Umbrella children: app directory relative to the root. */
  apps: string[];
  /** Dependencies detected from mix.exs / mix.lock text, without running project code. */
  deps: {
    phoenix: boolean;
    phoenixLiveView: boolean;
    absinthe: boolean;
    ecto: boolean;
    ectoSql: boolean;
    postgrex: boolean;
    credo: boolean;
    dialyxir: boolean;
    excoveralls: boolean;
  };
  /** The `elixir:` requirement from mix.exs, e.g. `~> 1.14`. */
  elixirRequirement?: string;
  /** Versions from `.tool-versions` (asdf), when present. */
  toolVersions?: { elixir?: string; erlang?: string };
}

export interface Workspace {
  /** Host directory of the checked-out head. */
  root: string;
  headSha: string;
  baseSha: string;
  mergeBase: string;
  diff: DiffFile[];
  project: ProjectShape;
  /** Reads a file of the head, repository-relative; undefined when absent or binary. */
  readFile(path: string): Promise<string | undefined>;
  /**
   * Called before PR code runs in the sandbox (which can rewrite the checkout): from then on
   * `readFile` serves only the snapshot of the changed files taken at checkout.
   */
  seal(): void;
  /** Removes the checkout. */
  dispose(): Promise<void>;
}
