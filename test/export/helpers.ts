import { parse } from 'yaml';
import type { ExportOptions, GhJob, GhWorkflow } from '../../src/export/github-actions/model.js';
import { githubWorkflowSchemaErrors } from '../../src/export/github-actions/schema.js';
import { exportWorkflow, selfHostedLabels, type ExportResult } from '../../src/export/github-actions/translate.js';
import { loadActionlint } from '../../src/io/actionlint.js';
import { effectivePredecessors, workflowGraph } from '../../src/wire/workflow-graph.js';
import { serializeYaml } from '../../src/render/serialize.js';
import { REFERENCE } from '../../src/export/github-actions/references.js';

export interface Exported extends ExportResult {
  readonly text: string;
  /** The written file, read back as GitHub would. */
  readonly parsed: GhWorkflow;
  /** Schema errors and actionlint findings: none for a correct export. */
  readonly problems: string[];
}

/** Export a CodeCatalyst workflow (YAML text), serialize it as the command does, and check it as the command does. */
export async function exportChecked(yamlText: string, options: ExportOptions = {}): Promise<Exported> {
  const result = exportWorkflow(parse(yamlText), options);
  const text = serializeYaml(result.workflow, 'Exported by catalyst-gen (test).');
  const parsed = parse(text) as GhWorkflow;
  const lint = await loadActionlint()(text, '.github/workflows/test.yml', selfHostedLabels(result.workflow));
  const problems = [...githubWorkflowSchemaErrors(parsed), ...lint.map((f) => `actionlint ${f.line}:${f.column} [${f.kind}] ${f.message}`)];
  return { ...result, text, parsed, problems };
}

export const job = (e: Exported, id: string): GhJob => {
  const j = e.parsed.jobs[id];
  if (!j) throw new Error(`no job ${id} in:\n${e.text}`);
  return j;
};

export const runOf = (j: GhJob): string => j.steps.map((s) => s.run ?? '').join('\n');

/**
 * The CodeCatalyst dependency graph with groups flattened, as edges `dependency -> action`: an action waits for
 * its own DependsOn and its group's, and waiting for a group is waiting for each action in it.
 */
export function flattenedEdges(wire: unknown): Set<string> {
  const graph = workflowGraph(wire);
  const preds = effectivePredecessors(graph);
  const members = new Map(graph.nodes.filter((n) => n.kind === 'group').map((n) => [n.name, n.members ?? []]));
  const edges = new Set<string>();
  for (const n of graph.nodes) {
    if (n.kind === 'group') continue;
    for (const p of preds.get(n.name) ?? []) for (const m of members.get(p) ?? [p]) if (m !== n.name) edges.add(`${m} -> ${n.name}`);
  }
  return edges;
}

/** Dependencies CodeCatalyst infers from a variable reference or a consumed artifact (they need no DependsOn). */
export function inferredEdges(wire: unknown): Set<string> {
  const graph = workflowGraph(wire);
  const actions = new Map<string, Record<string, unknown>>();
  const groups = new Set<string>();
  const w = wire as { Actions: Record<string, Record<string, unknown>> };
  for (const [name, v] of Object.entries(w.Actions)) {
    if (v['Identifier'] === undefined && v['Actions']) {
      groups.add(name);
      for (const [n, a] of Object.entries(v['Actions'] as Record<string, Record<string, unknown>>)) actions.set(n, a);
    } else actions.set(name, v);
  }
  const producer = new Map<string, string>();
  for (const [name, a] of actions) {
    const outs = (a['Outputs'] as { Artifacts?: unknown } | undefined)?.Artifacts;
    const list = Array.isArray(outs) ? outs.map((x) => (x as { Name: string }).Name) : outs && typeof outs === 'object' ? Object.keys(outs) : [];
    for (const art of list) producer.set(art, name);
  }
  const edges = new Set<string>();
  for (const [name, a] of actions) {
    for (const m of JSON.stringify(a).matchAll(REFERENCE)) {
      const target = m[3] !== undefined && groups.has(m[1]!) ? m[2]! : m[3] === undefined ? m[1]! : undefined;
      if (target && actions.has(target) && target !== name) edges.add(`${target} -> ${name}`);
    }
    for (const art of ((a['Inputs'] as { Artifacts?: string[] } | undefined)?.Artifacts ?? [])) {
      const p = producer.get(art);
      if (p && p !== name) edges.add(`${p} -> ${name}`);
    }
  }
  void graph;
  return edges;
}

/** The exported jobs' `needs`, as edges between the CodeCatalyst action names. */
export function needsEdges(e: Exported): Set<string> {
  const nameOf = new Map([...e.jobIds].map(([name, id]) => [id, name]));
  const edges = new Set<string>();
  for (const [id, j] of Object.entries(e.parsed.jobs)) for (const n of j.needs ?? []) edges.add(`${nameOf.get(n)} -> ${nameOf.get(id)}`);
  return edges;
}
