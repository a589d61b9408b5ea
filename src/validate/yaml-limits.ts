import type { CST, Document, Node } from 'yaml';

/**
 * What a YAML file may ask of the parser, and the checks that hold it to that before anything expands or
 * recurses. A file is text from anyone (a pull request, a downloaded example), and YAML lets a few bytes ask for
 * a lot: aliases that repeat aliases ("billion laughs"), `<<` lists of them, or thousands of nested `[`. Every
 * parser and walker here recurses once per level, and `yaml` itself (its composer) runs out of stack on a cold
 * start somewhere past 600 levels of flow collections; running out of stack in V8 is not always a catchable
 * RangeError (it can abort the process while compiling a regular expression), so the depth is refused before
 * any recursive code sees it, never caught after.
 *
 * The limits sit far above any devfile, workflow, buildspec or options file (a deep one nests about 10 levels
 * and uses a handful of aliases) and far enough below what the code can take.
 */

/** Mappings and lists nested deeper than this are refused (counting what aliases repeat). */
export const MAX_YAML_DEPTH = 256;
/** More aliases (`*name`) than this in one file are refused: `yaml` resolves each by a scan of the file's anchors. */
export const MAX_YAML_ALIASES = 1_000;
/** Aliases may repeat at most this many nodes in all (an alias of a list of 10 scalars repeats 11). */
export const MAX_YAML_ALIAS_NODES = 100_000;

/** A problem found before or instead of building the value: where it is (an offset) and what it is. */
export interface YamlLimitProblem {
  readonly code: 'YAML-TOO-DEEP' | 'YAML-ALIAS-LIMIT' | 'YAML-ALIAS-UNDEFINED' | 'YAML-ALIAS-CYCLE';
  readonly offset: number;
  readonly message: string;
  readonly fix: string;
}

const TOO_DEEP_FIX = 'Flatten the structure: devfiles, workflows, buildspecs and options files need only a few levels.';

/** Explicit tags found in the token stream, with where they are. */
export interface TagToken {
  readonly offset: number;
  readonly source: string;
}

/**
 * One pass over the parser's tokens (no recursion: the token tree is as deep as the text asks): the first
 * collection nested deeper than MAX_YAML_DEPTH, and every explicit tag. Tokens of every document are walked.
 */
export function scanYamlTokens(tokens: readonly CST.Token[]): { tooDeep?: YamlLimitProblem; tags: TagToken[] } {
  const tags: TagToken[] = [];
  const props = (list: readonly CST.Token[] | undefined) => {
    for (const t of list ?? []) if (t.type === 'tag') tags.push({ offset: t.offset, source: (t as CST.SourceToken).source });
  };
  // [token, number of collections around it]
  const stack: [CST.Token, number][] = [];
  for (let i = tokens.length - 1; i >= 0; i--) stack.push([tokens[i]!, 0]);
  let tooDeep: YamlLimitProblem | undefined;
  while (stack.length > 0) {
    const [token, around] = stack.pop()!;
    switch (token.type) {
      case 'document':
        props(token.start);
        if (token.value) stack.push([token.value, around]);
        break;
      case 'block-scalar':
        props(token.props);
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        const level = around + 1;
        if (level > MAX_YAML_DEPTH) {
          tooDeep ??= {
            code: 'YAML-TOO-DEEP',
            offset: token.type === 'flow-collection' ? token.start.offset : token.offset,
            message: `Mappings and lists are nested more than ${MAX_YAML_DEPTH} levels deep here; catalyst-gen reads at most ${MAX_YAML_DEPTH} levels, so that a file cannot exhaust the memory or the stack of whatever reads it.`,
            fix: TOO_DEEP_FIX,
          };
          // Nothing below is read: the file is refused. Tags before this point are still reported.
          continue;
        }
        const items = token.items as readonly CST.CollectionItem[];
        for (let k = items.length - 1; k >= 0; k--) {
          const item = items[k]!;
          props(item.start);
          props(item.sep);
          if (item.value) stack.push([item.value, level]);
          if (item.key) stack.push([item.key, level]);
        }
        break;
      }
      default:
        break;
    }
  }
  return tooDeep ? { tooDeep, tags } : { tags };
}

/** The `yaml` functions the alias check needs, passed in because `yaml` is loaded lazily by its callers. */
export interface YamlIdentity {
  isAlias(n: unknown): n is import('yaml').Alias;
  isCollection(n: unknown): n is import('yaml').YAMLMap | import('yaml').YAMLSeq;
  isPair(n: unknown): n is import('yaml').Pair;
}

/** `yaml`'s own guard (`toJS({ maxAliasCount })`, 100 by default), which every caller of `toJS` gets. */
const YAML_LIB_MAX_ALIAS_COUNT = 100;

interface Extent {
  /** Nodes in the value, with what aliases inside it repeat. */
  readonly size: number;
  /** Collections on its deepest path, itself included. */
  readonly height: number;
}

/** What `yaml`'s toJS keeps for an anchored node: how often it has been used (1 for itself), and its alias count. */
interface AnchorUse {
  count: number;
  aliasCount: number;
}

/**
 * Every alias of a composed document, checked before its value is built: each must name an anchor above it
 * (`yaml` throws otherwise) and outside itself (else the value would contain itself, and every walker would
 * loop), and all together must stay under the limits: MAX_YAML_ALIASES, MAX_YAML_ALIAS_NODES, MAX_YAML_DEPTH
 * with what they repeat, and `yaml`'s own guard, reproduced here (so any later `toJS` of a file that passed, such
 * as an edit's, cannot throw) with the line it trips on. Walks in the order `toJS` does, which the guard depends on.
 *
 * Anchors no alias uses are dropped from the document, so that building the value (which scans the anchors for
 * each alias) costs at most MAX_YAML_ALIASES squared. Recursion here is bounded: the document passed
 * `scanYamlTokens`, so it is at most MAX_YAML_DEPTH collections deep.
 */
export function checkYamlAliases(doc: Document, y: YamlIdentity): YamlLimitProblem[] {
  const anchors = new Map<string, Node>();
  const anchored: Node[] = [];
  const uses = new Map<unknown, AnchorUse>();
  const targets = new Map<unknown, Node>();
  const open = new Set<unknown>();
  const extents = new Map<unknown, Extent>();
  const undefinedAliases: { name: string; offset: number }[] = [];
  let aliases = 0;
  let repeated = 0;
  let stop: YamlLimitProblem | undefined;

  /** `getAliasCount` of yaml's Alias.ts: how much a node multiplies what it holds, by the uses of its aliases so far. */
  const aliasCount = (node: unknown): number => {
    if (y.isAlias(node)) {
      const use = uses.get(targets.get(node));
      return use ? use.count * use.aliasCount : 0;
    }
    if (y.isCollection(node)) return node.items.reduce((max: number, item) => Math.max(max, aliasCount(item)), 0);
    if (y.isPair(node)) return Math.max(aliasCount(node.key), aliasCount(node.value));
    return 1;
  };

  const limit = (offset: number, message: string): YamlLimitProblem => ({ code: 'YAML-ALIAS-LIMIT', offset, message, fix: 'Write the repeated values out, or use fewer aliases.' });

  const walk = (node: unknown, around: number): Extent => {
    if (stop) return { size: 0, height: 0 };
    if (y.isAlias(node)) {
      const offset = node.range?.[0] ?? 0;
      const target = anchors.get(node.source);
      if (!target) {
        undefinedAliases.push({ name: node.source, offset });
        return { size: 1, height: 0 };
      }
      if (open.has(target)) {
        stop = {
          code: 'YAML-ALIAS-CYCLE',
          offset,
          message: `The alias *${node.source} is inside the node its anchor &${node.source} names, so that node would contain itself without end.`,
          fix: `Remove the alias *${node.source}, or move it out of the node anchored &${node.source}.`,
        };
        return { size: 0, height: 0 };
      }
      targets.set(node, target);
      const extent = extents.get(target) ?? { size: 1, height: 0 };
      aliases += 1;
      repeated += extent.size;
      const use = uses.get(target)!;
      use.count += 1;
      if (use.aliasCount === 0) use.aliasCount = aliasCount(target);
      if (aliases > MAX_YAML_ALIASES) {
        stop = limit(offset, `The file uses more than ${MAX_YAML_ALIASES} aliases (*name); catalyst-gen reads at most ${MAX_YAML_ALIASES}, so that reading a file stays fast.`);
      } else if (use.count * use.aliasCount > YAML_LIB_MAX_ALIAS_COUNT) {
        const times = use.count - 1 === 1 ? 'once' : `${use.count - 1} times`;
        const held = use.aliasCount > 1 ? `, and each copy holds aliases that already count ${use.aliasCount}` : '';
        stop = limit(
          offset,
          `By this alias, &${node.source} is repeated ${times}${held}; YAML readers stop when an anchor's uses (the anchor included) times what each copy repeats pass ${YAML_LIB_MAX_ALIAS_COUNT}, a guard against aliases that multiply (a "billion laughs" file).`,
        );
      } else if (repeated > MAX_YAML_ALIAS_NODES) {
        stop = limit(offset, `By this alias (*${node.source}), aliases repeat more than ${MAX_YAML_ALIAS_NODES.toLocaleString('en-US')} values in all; catalyst-gen stops there so that memory stays bounded.`);
      } else if (around + extent.height > MAX_YAML_DEPTH) {
        stop = {
          code: 'YAML-TOO-DEEP',
          offset,
          message: `With what the alias *${node.source} repeats, mappings and lists are nested more than ${MAX_YAML_DEPTH} levels deep here; catalyst-gen reads at most ${MAX_YAML_DEPTH} levels.`,
          fix: TOO_DEEP_FIX,
        };
      }
      return extent;
    }
    if (y.isPair(node)) {
      const k = walk(node.key, around);
      const v = walk(node.value, around);
      return { size: k.size + v.size, height: Math.max(k.height, v.height) };
    }
    const anchor = (node as { anchor?: string } | null | undefined)?.anchor;
    if (anchor) {
      anchors.set(anchor, node as Node);
      anchored.push(node as Node);
      uses.set(node, { count: 1, aliasCount: 0 });
    }
    let extent: Extent = { size: node === null || node === undefined ? 0 : 1, height: 0 };
    if (y.isCollection(node)) {
      open.add(node);
      let size = 1;
      let height = 0;
      for (const item of node.items) {
        const e = walk(item, around + 1);
        size += e.size;
        height = Math.max(height, e.height);
      }
      open.delete(node);
      extent = { size, height: height + 1 };
    }
    if (anchor) extents.set(node, extent);
    return extent;
  };
  walk(doc.contents, 0);

  const problems: YamlLimitProblem[] = undefinedAliases.map(({ name, offset }) => {
    const later = anchors.get(name);
    return {
      code: 'YAML-ALIAS-UNDEFINED',
      offset,
      message: later
        ? `The alias *${name} comes before its anchor &${name}; an alias can only repeat a node anchored above it.`
        : `The alias *${name} names no anchor: there is no &${name} in the file.`,
      fix: later ? `Move the node anchored &${name} above its first alias, or write the value out here.` : `Anchor the node to repeat with &${name}, or write the value out here.`,
    };
  });
  if (stop) problems.push(stop);
  if (problems.length === 0) {
    for (const n of anchored) if (!uses.has(n) || uses.get(n)!.count === 1) (n as { anchor?: string }).anchor = undefined;
  }
  return problems;
}
