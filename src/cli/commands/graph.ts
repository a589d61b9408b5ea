import { ValidationError } from '../../errors.js';
import { readUserTextFile } from '../../io/read-file.js';
import { hasErrors } from '../../model/diagnostic.js';
import { validateParsed } from '../../validate/file.js';
import { formatDiagnosticsText } from '../../validate/format.js';
import { parseYamlSource } from '../../validate/source.js';
import { renderMermaid } from '../../render/mermaid.js';
import { findCycles, workflowGraph, type WorkflowGraph } from '../../wire/workflow-graph.js';
import { isRecord } from '../../model/values.js';
import type { Output } from '../output.js';

export interface GraphFlags {
  readonly direction: 'TD' | 'LR';
}

/**
 * `catalyst-gen graph <workflow.yaml>`: print the workflow as a Mermaid flowchart. A workflow with errors is
 * drawn too, so that its author can look at the cycle or the typo being fixed: the actions the errors are in
 * (and every action of a cycle) are marked, missing `DependsOn` targets drawn dashed, the errors printed on
 * stderr as `validate` prints them, and the exit code is 1. Only a file with no `Actions` mapping to draw (or
 * not YAML) is refused.
 */
export function runGraph(file: string, flags: GraphFlags, o: Output): number {
  const text = readUserTextFile(file, 'workflow file');
  const parsed = parseYamlSource(text, file);
  if (!parsed.ok) throw new ValidationError(`${file} is not valid YAML.`, parsed.diagnostics, new Map([[file, text]]));
  const diagnostics = validateParsed(parsed, 'workflow');
  const value = parsed.source.value;
  if (!isRecord(value) || !isRecord(value['Actions'])) {
    throw new ValidationError(`${file} has no Actions to draw; fix the errors above.`, diagnostics.filter((d) => d.severity === 'error'), new Map([[file, text]]));
  }
  const graph = workflowGraph(value);
  if (!hasErrors(diagnostics)) {
    o.out(renderMermaid(graph, { direction: flags.direction }).trimEnd());
    return 0;
  }
  const errors = diagnostics.filter((d) => d.severity === 'error');
  o.out(renderMermaid(graph, { direction: flags.direction, broken: brokenNodes(graph, errors.map((d) => d.pointer ?? '')) }).trimEnd());
  o.err(formatDiagnosticsText(errors, { sources: new Map([[file, text]]), color: o.color }));
  o.err(`${file} has ${errors.length === 1 ? '1 error' : `${errors.length} errors`}; the actions they are in are marked "broken".`);
  return 1;
}

/** The names of the nodes an error points into (the innermost: an action, not its group), and every node of a cycle. */
function brokenNodes(graph: WorkflowGraph, pointers: readonly string[]): Set<string> {
  const broken = new Set<string>();
  for (const p of pointers) {
    let best: { name: string; length: number } | undefined;
    for (const n of graph.nodes) {
      if ((p === n.pointer || p.startsWith(`${n.pointer}/`)) && n.pointer.length > (best?.length ?? -1)) best = { name: n.name, length: n.pointer.length };
    }
    if (best) broken.add(best.name);
  }
  for (const cycle of findCycles(graph)) for (const name of cycle) broken.add(name);
  return broken;
}
