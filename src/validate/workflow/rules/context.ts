import { effectivePredecessors, findCycles, upstreamOracle, workflowGraphWithValues, type WorkflowGraph, type WorkflowGraphNode } from '../../../wire/workflow-graph.js';
import { isRecord } from '../../../model/values.js';
import { perFile as sharedPerFile, type Rule } from '../../rule.js';

export type Wire = Record<string, unknown>;

/**
 * What the workflow rules look at: the (normalized) workflow, its dependency graph built once, and what several
 * rules share, built on first use (most files consume no artifact by name and reference no variable).
 */
export interface WorkflowContext {
  readonly value: Wire;
  readonly graph: WorkflowGraph;
  readonly byName: ReadonlyMap<string, WorkflowGraphNode>;
  /** Each node's value (the entry of `Actions`, or of its group's `Actions`). */
  valueOf(n: WorkflowGraphNode): Wire;
  /** The workflow-level `Compute`. */
  readonly compute: Wire | undefined;
  /** The dependency cycles, each as the names in waiting order. */
  readonly cycles: readonly string[][];
  /** Whether `a` runs before `b`; undefined when the graph has a cycle (nothing is then upstream of anything). */
  readonly upstream: ((a: string, b: string) => boolean) | undefined;
  /** Actions and gates, not groups. */
  readonly actions: readonly WorkflowGraphNode[];
  /** Artifact name -> the actions that produce it (`Outputs.Artifacts`). */
  producers(): ReadonlyMap<string, readonly string[]>;
  /** The source names actions consume (`Inputs.Sources`), `WorkflowSource` included. */
  sourceNames(): ReadonlySet<string>;
  /** What rules share (`perFile`). */
  readonly shared: Map<object, unknown>;
}

export type WorkflowRule = Rule<WorkflowContext>;

/** What several workflow rules derive from one file, computed once (`perFile` of `rule.ts`). */
export const perFile = <T>(compute: (ctx: WorkflowContext) => T) => sharedPerFile<WorkflowContext, T>(compute);


/** The context of a workflow value with an `Actions` mapping, or undefined (the schema says what is missing). */
export function workflowContext(value: unknown): WorkflowContext | undefined {
  if (!isRecord(value) || !isRecord(value['Actions'])) return undefined;
  const { graph, values, byName } = workflowGraphWithValues(value);
  const valueOf = (n: WorkflowGraphNode): Wire => (values.get(n) as Wire | null | undefined) ?? {};
  const preds = effectivePredecessors(graph);
  const cycles = findCycles(graph, preds);
  let producers: Map<string, string[]> | undefined;
  let sources: Set<string> | undefined;
  const actions = graph.nodes.filter((n) => n.kind !== 'group');
  return {
    value,
    graph,
    byName,
    valueOf,
    compute: isRecord(value['Compute']) ? value['Compute'] : undefined,
    cycles,
    upstream: cycles.length === 0 ? upstreamOracle(graph, preds) : undefined,
    actions,
    producers: () => (producers ??= artifactProducers(actions, valueOf)),
    sourceNames: () => {
      if (sources) return sources;
      sources = new Set<string>(['WorkflowSource']);
      for (const n of actions) {
        const inputs = valueOf(n)['Inputs'];
        if (isRecord(inputs) && Array.isArray(inputs['Sources'])) for (const s of inputs['Sources']) if (typeof s === 'string') sources.add(s);
      }
      return sources;
    },
    shared: new Map(),
  };
}

function artifactProducers(actions: readonly WorkflowGraphNode[], valueOf: (n: WorkflowGraphNode) => Wire): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const n of actions) {
    const o = valueOf(n)['Outputs'];
    if (!isRecord(o)) continue;
    const arts = o['Artifacts'];
    const names = Array.isArray(arts) ? arts.map((x) => (isRecord(x) ? x['Name'] : undefined)) : isRecord(arts) ? Object.keys(arts) : [];
    for (const name of names) {
      if (typeof name !== 'string') continue;
      const list = out.get(name);
      if (list) list.push(n.name);
      else out.set(name, [n.name]);
    }
  }
  return out;
}
