import type { RuleDoc } from '../rule.js';

/** The codes of parsing (`../source.ts`, `../yaml-limits.ts`, `../yaml-tags.ts`): every file is parsed before its kind's rules run. */
const doc = (d: Omit<RuleDoc, 'kind' | 'examplePath'>): RuleDoc => ({ kind: 'yaml', examplePath: 'config.yaml', ...d });
const GOOD = 'name: app\nitems:\n  - one\n  - two\n';

export const YAML_RULE_DOCS: readonly RuleDoc[] = [
  doc({
    code: 'YAML-SYNTAX',
    severity: 'error',
    title: 'The file is not valid YAML (or JSON).',
    description: 'The parser stopped: a bad indentation, a tab used for indentation, an unclosed quote or bracket. The file is not checked further, because every later message would be about a guess. For a wrong indentation the message points at the line that starts the wrong block, with the column it belongs at.',
    bad: 'name: app\nitems:\n  - one\n - two\n',
    good: GOOD,
  }),
  doc({
    code: 'YAML-DUPLICATE-KEY',
    severity: 'error',
    title: 'A mapping has the same key twice.',
    description: 'YAML forbids a key twice in one mapping; readers that accept it keep one of the values silently, so which one wins depends on the tool.',
    bad: 'name: app\nname: web\n',
    good: 'name: app\n',
  }),
  doc({
    code: 'YAML-MULTI-DOCUMENT',
    severity: 'error',
    title: 'The file holds several YAML documents.',
    description: 'Devfiles, workflows and buildspecs are one document each; a second document after --- is ignored or refused by the service.',
    bad: 'name: app\n---\nname: web\n',
    good: GOOD,
  }),
  doc({
    code: 'YAML-EMPTY',
    severity: 'error',
    title: 'The file is empty.',
    description: 'An empty file (or one holding only comments) is no devfile, workflow or buildspec.',
    bad: '# nothing yet\n',
    good: GOOD,
  }),
  doc({
    code: 'YAML-CONFLICT-MARKERS',
    severity: 'error',
    title: 'The file has unresolved merge conflict markers.',
    description: 'Lines <<<<<<<, ======= and >>>>>>> are left by a merge or an update with conflicts; resolve them (keep one side, or combine them) and delete the markers.',
    bad: 'name: app\n<<<<<<< ours\nimage: node:20\n=======\nimage: node:22\n>>>>>>> theirs\n',
    good: 'name: app\nimage: node:22\n',
  }),
  doc({
    code: 'YAML-TOO-DEEP',
    severity: 'error',
    title: 'Mappings and lists are nested more than 256 levels deep.',
    description: 'catalyst-gen reads at most 256 levels of nesting (aliases included), so that a file cannot exhaust the memory or the stack of whatever reads it. No real configuration comes near.',
    bad: `deep: ${'['.repeat(300)}${']'.repeat(300)}\n`,
    good: 'deep: [[[]]]\n',
  }),
  doc({
    code: 'YAML-ALIAS-LIMIT',
    severity: 'error',
    title: 'Aliases repeat so much that readers refuse the file.',
    description: 'Aliases that repeat aliases multiply (a "billion laughs" file); YAML readers stop past a limit, and catalyst-gen refuses such a file before expanding it. Write the repeated values out, or use fewer aliases.',
    bad: 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n',
    good: 'a: &a [x, x]\nb: [*a, *a]\n',
  }),
  doc({
    code: 'YAML-ALIAS-UNDEFINED',
    severity: 'error',
    title: 'An alias names no anchor, or comes before it.',
    description: 'An alias *name repeats the node anchored &name above it; one with no anchor, or before its anchor, cannot be read.',
    bad: 'defaults: *base\nbase: &base\n  image: node:20\n',
    good: 'base: &base\n  image: node:20\ndefaults: *base\n',
  }),
  doc({
    code: 'YAML-ALIAS-CYCLE',
    severity: 'error',
    title: 'An alias inside the node its anchor names.',
    description: 'A node that contains an alias of itself would contain itself without end.',
    bad: 'a: &a\n  - *a\n',
    good: 'a: &a\n  - x\nb: *a\n',
  }),
  doc({
    code: 'YAML-TAG-UNSAFE',
    severity: 'error',
    title: 'A tag naming a programming-language type (!!python/object, !!js/function, ...).',
    description: "Such tags make some YAML loaders (js-yaml's and PyYAML's unsafe loaders, SnakeYAML) construct objects or run code. catalyst-gen ignores the tag and reads the value as written, but another tool reading the same file may not.",
    bad: 'name: !!python/object/apply:os.system ["id"]\n',
    good: 'name: app\n',
  }),
  doc({
    code: 'YAML-TAG-UNKNOWN',
    severity: 'warning',
    title: "A tag that is not one of the YAML 1.2 core schema's.",
    description: 'Tags other than !!str, !!int, !!float, !!bool, !!null, !!map and !!seq (CloudFormation short forms such as !Ref among them) are read without the tag by catalyst-gen; other tools may read the value differently or refuse it.',
    bad: 'name: !Sub app-${Stage}\n',
    good: 'name: app\n',
  }),
];
