import type { WorkflowGraph, WorkflowGraphNode } from './workflow-graph.js';

/**
 * A Mermaid flowchart of a workflow graph: actions as boxes (name and identifier), approval gates as
 * hexagons, action groups as subgraphs, `DependsOn` as arrows from the dependency to what waits for it.
 * Node ids are `n0`, `n1`, ... so no action name can break the syntax; labels are escaped. Deterministic:
 * file order in, same text out. Used by `catalyst-gen graph` and in generated READMEs.
 */
export function renderMermaid(graph: WorkflowGraph, opts: { readonly direction?: 'TD' | 'LR' } = {}): string {
  const id = new Map(graph.nodes.map((n, i) => [n.name, `n${i}`]));
  const lines = [`flowchart ${opts.direction ?? 'TD'}`];
  const shape = (n: WorkflowGraphNode): string => {
    const label = n.identifier ? `${esc(n.name)}<br/><small>${esc(n.identifier)}</small>` : esc(n.name);
    return n.kind === 'gate' ? `${id.get(n.name)}{{"${label}"}}` : `${id.get(n.name)}["${label}"]`;
  };
  for (const n of graph.nodes) {
    if (n.group) continue;
    if (n.kind === 'group') {
      lines.push(`  subgraph ${id.get(n.name)}["${esc(n.name)}"]`);
      lines.push('    direction TB');
      for (const m of graph.nodes) if (m.group === n.name) lines.push(`    ${shape(m)}`);
      lines.push('  end');
    } else lines.push(`  ${shape(n)}`);
  }
  for (const e of graph.edges) lines.push(`  ${id.get(e.from)} --> ${id.get(e.to)}`);
  for (const n of graph.nodes) if (n.kind === 'gate') lines.push(`  class ${id.get(n.name)} gate`);
  if (graph.nodes.some((n) => n.kind === 'gate')) lines.push('  classDef gate fill:#fff4d6,stroke:#b7791f');
  return lines.join('\n') + '\n';
}

/** Mermaid label text: quotes and angle brackets as entities. */
function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '#quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
