import { identifierInfo } from '../wire/workflow.js';
import { isRecord } from '../model/values.js';
import { escapePointerSegment } from '../validate/diagnostic.js';

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
  const nodes: WorkflowGraphNode[] = [];
  const duplicates: WorkflowGraphNode[] = [];
  const byName = new Map<string, WorkflowGraphNode>();
  const add = (n: WorkflowGraphNode) => {
    if (byName.has(n.name)) duplicates.push(n);
    else {
      byName.set(n.name, n);
      nodes.push(n);
    }
  };
  const actions = isRecord(value) && isRecord(value['Actions']) ? value['Actions'] : {};
  for (const [name, v] of Object.entries(actions)) {
    const pointer = `/Actions/${escapePointerSegment(name)}`;
    if (isGroupValue(v)) {
      const members = isRecord(v['Actions']) ? Object.keys(v['Actions']) : [];
      add({ name, kind: 'group', pointer, dependsOn: deps(v), members });
      for (const m of members) add(actionNode(m, (v['Actions'] as Wire)[m], `${pointer}/Actions/${escapePointerSegment(m)}`, name));
    } else add(actionNode(name, v, pointer, undefined));
  }
  const edges: WorkflowGraphEdge[] = [];
  for (const n of nodes) for (const d of n.dependsOn) if (byName.has(d)) edges.push({ from: d, to: n.name });
  return { nodes, edges, duplicates };
}

function actionNode(name: string, v: unknown, pointer: string, group: string | undefined): WorkflowGraphNode {
  const identifier = isRecord(v) && typeof v['Identifier'] === 'string' ? v['Identifier'] : undefined;
  const kind = identifierInfo(identifier)?.family === 'approval' ? 'gate' : 'action';
  return { name, kind, pointer, dependsOn: deps(v), ...(group ? { group } : {}), ...(identifier ? { identifier } : {}) };
}

function deps(v: unknown): string[] {
  const d = isRecord(v) ? v['DependsOn'] : undefined;
  return Array.isArray(d) ? d.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * What each node waits for, directly, once groups are taken into account: its own `DependsOn`, its
 * group's `DependsOn` (a grouped action starts after what the group waits for), and for a group all
 * its members (a group is done when they are).
 */
export function effectivePredecessors(graph: WorkflowGraph): Map<string, string[]> {
  const byName = new Map(graph.nodes.map((n) => [n.name, n]));
  const preds = new Map<string, string[]>();
  for (const n of graph.nodes) {
    const list = n.dependsOn.filter((d) => byName.has(d));
    if (n.group) list.push(...byName.get(n.group)!.dependsOn.filter((d) => byName.has(d)));
    if (n.kind === 'group') list.push(...(n.members ?? []).filter((m) => byName.get(m)?.group === n.name));
    preds.set(n.name, [...new Set(list)]);
  }
  return preds;
}

/**
 * Cycles in the effective graph, each as a closed path `[a, b, ..., a]` read as "a waits for b, which
 * waits for ..., which waits for a". Nodes already in a reported cycle are not reported again; one
 * depth-first pass, linear in nodes and edges.
 */
export function findCycles(graph: WorkflowGraph): string[][] {
  const preds = effectivePredecessors(graph);
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
export function upstreamOracle(graph: WorkflowGraph): (a: string, b: string) => boolean {
  const preds = effectivePredecessors(graph);
  const index = new Map(graph.nodes.map((n, i) => [n.name, i]));
  const n = graph.nodes.length;
  const words = Math.ceil(n / 32) || 1;
  const anc: (Uint32Array | undefined)[] = new Array(n);
  const compute = (name: string): Uint32Array => {
    const i = index.get(name)!;
    const hit = anc[i];
    if (hit) return hit;
    const bits = new Uint32Array(words);
    anc[i] = bits; // set first: a cycle (not expected here) stops instead of recursing forever
    const work: string[] = [...(preds.get(name) ?? [])];
    for (const p of work) {
      const j = index.get(p)!;
      bits[j >>> 5] = (bits[j >>> 5] ?? 0) | (1 << (j & 31));
      const pa = compute(p);
      for (let w = 0; w < words; w++) bits[w] = (bits[w] ?? 0) | (pa[w] ?? 0);
    }
    return bits;
  };
  return (a, b) => {
    const ia = index.get(a);
    if (ia === undefined || !index.has(b)) return false;
    const bits = compute(b);
    return ((bits[ia >>> 5] ?? 0) & (1 << (ia & 31))) !== 0;
  };
}
