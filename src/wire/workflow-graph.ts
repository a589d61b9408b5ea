import { identifierInfo } from './workflow.js';
import { isRecord } from '../model/values.js';
import { escapePointerSegment } from '../model/diagnostic.js';

/**
 * The dependency graph of a workflow's wire value (rendered or parsed from a file): actions, gates and
 * groups, and the `DependsOn` edges exactly as written. Used by the validator (missing targets, cycles,
 * what runs upstream of what) and by the Mermaid renderer, so both read a file the same way.
 */
export interface WorkflowGraphNode {
  readonly name: string;
  readonly kind: 'action' | 'gate' | 'group';
  /** The group an action sits in. */
  readonly group?: string;
  readonly identifier?: string;
  /** JSON pointer of the node in the file. */
  readonly pointer: string;
  /** Names listed in its `DependsOn`, in order (strings only). */
  readonly dependsOn: readonly string[];
  /** Members, for a group. */
  readonly members?: readonly string[];
}

export interface WorkflowGraphEdge {
  /** The dependency. */
  readonly from: string;
  /** The node that waits for it. */
  readonly to: string;
}

export interface WorkflowGraph {
  /** In file order; a group comes before its members. Only the first of several same-named nodes. */
  readonly nodes: readonly WorkflowGraphNode[];
  /** `DependsOn` edges whose target exists, in file order. */
  readonly edges: readonly WorkflowGraphEdge[];
  /** Nodes whose name was already taken (by another group's action). */
  readonly duplicates: readonly WorkflowGraphNode[];
}

type Wire = Record<string, unknown>;


/** Whether an entry of `Actions` is an action group: it has `Actions` and no `Identifier`. */
export function isGroupValue(v: unknown): v is Wire {
  return isRecord(v) && v['Actions'] !== undefined && v['Identifier'] === undefined;
}

export function workflowGraph(value: unknown): WorkflowGraph {
  return workflowGraphWithValues(value).graph;
}

/**
 * `workflowGraph`, with what building it found on the way: each node's value (the entry of `Actions`, or of a
 * group's `Actions`, the node was made from) and the nodes by name. For the validator, which asks for both often.
 */
export function workflowGraphWithValues(value: unknown): {
  readonly graph: WorkflowGraph;
  readonly values: ReadonlyMap<WorkflowGraphNode, unknown>;
  readonly byName: ReadonlyMap<string, WorkflowGraphNode>;
} {
  const nodes: WorkflowGraphNode[] = [];
  const duplicates: WorkflowGraphNode[] = [];
  const byName = new Map<string, WorkflowGraphNode>();
  const values = new Map<WorkflowGraphNode, unknown>();
  const add = (n: WorkflowGraphNode, v: unknown) => {
    values.set(n, v);
    if (byName.has(n.name)) duplicates.push(n);
    else {
      byName.set(n.name, n);
      nodes.push(n);
    }
  };
  const actions = isRecord(value) && isRecord(value['Actions']) ? value['Actions'] : {};
  for (const name of Object.keys(actions)) {
    const v = actions[name];
    const pointer = `/Actions/${escapePointerSegment(name)}`;
    if (isGroupValue(v)) {
      const inner = v['Actions'];
      const members = isRecord(inner) ? Object.keys(inner) : [];
      add({ name, kind: 'group', pointer, dependsOn: deps(v), members }, v);
      for (const m of members) {
        const mv = (inner as Wire)[m];
        add(actionNode(m, mv, `${pointer}/Actions/${escapePointerSegment(m)}`, name), mv);
      }
    } else add(actionNode(name, v, pointer, undefined), v);
  }
  const edges: WorkflowGraphEdge[] = [];
  for (const n of nodes) for (const d of n.dependsOn) if (byName.has(d)) edges.push({ from: d, to: n.name });
  return { graph: { nodes, edges, duplicates }, values, byName };
}

function actionNode(name: string, v: unknown, pointer: string, group: string | undefined): WorkflowGraphNode {
  const identifier = isRecord(v) && typeof v['Identifier'] === 'string' ? v['Identifier'] : undefined;
  // Only an identifier starting "aws/approval" can be of the approval family: skip parsing the others.
  const kind = identifier?.startsWith('aws/approval') && identifierInfo(identifier)?.family === 'approval' ? 'gate' : 'action';
  const node: { -readonly [K in keyof WorkflowGraphNode]: WorkflowGraphNode[K] } = { name, kind, pointer, dependsOn: deps(v) };
  if (group) node.group = group;
  if (identifier) node.identifier = identifier;
  return node;
}

function deps(v: unknown): string[] {
  const d = isRecord(v) ? v['DependsOn'] : undefined;
  if (!Array.isArray(d)) return [];
  const out: string[] = [];
  for (const x of d) if (typeof x === 'string') out.push(x);
  return out;
}

/**
 * What each node waits for, directly, once groups are taken into account: its own `DependsOn`, its
 * group's `DependsOn` (a grouped action starts after what the group waits for), and for a group all
 * its members (a group is done when they are).
 */
export function effectivePredecessors(graph: WorkflowGraph): Map<string, string[]> {
  const byName = new Map<string, WorkflowGraphNode>();
  for (const n of graph.nodes) byName.set(n.name, n);
  const preds = new Map<string, string[]>();
  for (const n of graph.nodes) {
    // In order: its own DependsOn, its group's, then (for a group) its members; each name once, where first seen.
    const list: string[] = [];
    for (const d of n.dependsOn) if (byName.has(d) && !list.includes(d)) list.push(d);
    if (n.group) for (const d of byName.get(n.group)!.dependsOn) if (byName.has(d) && !list.includes(d)) list.push(d);
    if (n.kind === 'group') for (const m of n.members ?? []) if (byName.get(m)?.group === n.name && !list.includes(m)) list.push(m);
    preds.set(n.name, list);
  }
  return preds;
}

/**
 * Cycles in the effective graph, each as a closed path `[a, b, ..., a]` read as "a waits for b, which
 * waits for ..., which waits for a". Nodes already in a reported cycle are not reported again; one
 * depth-first pass, linear in nodes and edges.
 */
export function findCycles(graph: WorkflowGraph, preds: ReadonlyMap<string, readonly string[]> = effectivePredecessors(graph)): string[][] {
  const names = graph.nodes.map((n) => n.name);
  const state = new Map<string, 0 | 1 | 2>();
  const cycles: string[][] = [];
  const inCycle = new Set<string>();
  for (const start of names) {
    if (state.get(start)) continue;
    // Iterative DFS along "waits for" edges.
    const stack: { name: string; i: number }[] = [{ name: start, i: 0 }];
    const onPath: string[] = [start];
    state.set(start, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const next = preds.get(top.name)![top.i++];
      if (next === undefined) {
        state.set(top.name, 2);
        stack.pop();
        onPath.pop();
        continue;
      }
      const s = state.get(next) ?? 0;
      if (s === 0) {
        state.set(next, 1);
        stack.push({ name: next, i: 0 });
        onPath.push(next);
      } else if (s === 1) {
        const from = onPath.indexOf(next);
        const cycle = [...onPath.slice(from), next];
        if (!cycle.some((c) => inCycle.has(c))) {
          cycle.forEach((c) => inCycle.add(c));
          cycles.push(cycle);
        }
      }
    }
  }
  return cycles;
}

/**
 * For an acyclic graph: a function telling whether `a` runs (transitively) before `b`. Ancestor sets
 * are bitsets built once in topological order, so each question is O(1).
 */
export function upstreamOracle(graph: WorkflowGraph, preds: ReadonlyMap<string, readonly string[]> = effectivePredecessors(graph)): (a: string, b: string) => boolean {
  // Built on the first question: a caller may make none.
  let index: Map<string, number> | undefined;
  let words = 1;
  let anc: (Uint32Array | undefined)[] = [];
  const compute = (name: string): Uint32Array => {
    const i = index!.get(name)!;
    const hit = anc[i];
    if (hit) return hit;
    const bits = new Uint32Array(words);
    anc[i] = bits; // set first: a cycle (not expected here) stops instead of recursing forever
    for (const p of preds.get(name) ?? []) {
      const j = index!.get(p)!;
      bits[j >>> 5] = (bits[j >>> 5] ?? 0) | (1 << (j & 31));
      const pa = compute(p);
      for (let w = 0; w < words; w++) bits[w] = (bits[w] ?? 0) | (pa[w] ?? 0);
    }
    return bits;
  };
  return (a, b) => {
    if (!index) {
      index = new Map();
      for (let i = 0; i < graph.nodes.length; i++) index.set(graph.nodes[i]!.name, i);
      words = Math.ceil(graph.nodes.length / 32) || 1;
      anc = new Array(graph.nodes.length);
    }
    const ia = index.get(a);
    if (ia === undefined || !index.has(b)) return false;
    const bits = compute(b);
    return ((bits[ia >>> 5] ?? 0) & (1 << (ia & 31))) !== 0;
  };
}
