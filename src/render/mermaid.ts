import type { WorkflowGraph, WorkflowGraphNode } from '../wire/workflow-graph.js';

/**
 * A Mermaid flowchart of a workflow graph: actions as boxes (name and identifier), approval gates as
 * hexagons, action groups as subgraphs, `DependsOn` as arrows from the dependency to what waits for it.
 * Node ids are `n0`, `n1`, ... so no action name can break the syntax; labels are escaped. Deterministic:
 * file order in, same text out. Used by `catalyst-gen graph` and in generated READMEs.
 *
 * `broken` draws a workflow that has errors, so its author can look at what they are fixing: the nodes named are
 * marked (class `broken`), and each `DependsOn` target that does not exist is drawn as a dashed node with a dashed
 * arrow, so a typo shows where it is.
 */
export function renderMermaid(graph: WorkflowGraph, opts: { readonly direction?: 'TD' | 'LR'; readonly broken?: ReadonlySet<string> } = {}): string {
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
  const missing = new Map<string, string>();
  if (opts.broken) {
    for (const n of graph.nodes) {
      for (const d of n.dependsOn) {
        if (id.has(d)) continue;
        if (!missing.has(d)) {
          missing.set(d, `m${missing.size}`);
          lines.push(`  ${missing.get(d)}["${esc(d)}<br/><small>no such action</small>"]:::missing`);
        }
        lines.push(`  ${missing.get(d)} -.-> ${id.get(n.name)}`);
      }
    }
  }
  for (const n of graph.nodes) if (n.kind === 'gate') lines.push(`  class ${id.get(n.name)} gate`);
  if (graph.nodes.some((n) => n.kind === 'gate')) lines.push('  classDef gate fill:#fff4d6,stroke:#b7791f');
  const broken = graph.nodes.filter((n) => opts.broken?.has(n.name)).map((n) => id.get(n.name)!);
  if (broken.length > 0) {
    lines.push(`  class ${broken.join(',')} broken`);
    lines.push('  classDef broken fill:#fff5f5,stroke:#c53030,stroke-width:3px');
  }
  if (missing.size > 0) lines.push('  classDef missing fill:#ffffff,stroke:#c53030,stroke-dasharray:4 3');
  return lines.join('\n') + '\n';
}

/** Mermaid label text: quotes and angle brackets as entities. */
function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '#quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
