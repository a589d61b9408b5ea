import { ValidationError } from '../../errors.js';
import { readUserTextFile } from '../../io/read-file.js';
import { hasErrors } from '../../validate/diagnostic.js';
import { validateText } from '../../validate/file.js';
import { parseYamlSource } from '../../validate/source.js';
import { renderMermaid } from '../../render/mermaid.js';
import { workflowGraph } from '../../render/workflow-graph.js';
import type { Output } from '../output.js';

export interface GraphFlags {
  readonly direction: 'TD' | 'LR';
}

/**
 * `catalyst-gen graph <workflow.yaml>`: print the workflow as a Mermaid flowchart. A file with errors is
 * refused (a picture of a broken workflow misleads), with the same diagnostics `validate` prints.
 */
export function runGraph(file: string, flags: GraphFlags, o: Output): void {
  const text = readUserTextFile(file, 'workflow file');
  const diagnostics = validateText(text, file, 'workflow');
  if (hasErrors(diagnostics)) {
    throw new ValidationError(`${file} is not a valid workflow; fix the errors above to draw it.`, diagnostics.filter((d) => d.severity === 'error'), new Map([[file, text]]));
  }
  const parsed = parseYamlSource(text, file);
  if (!parsed.ok) throw new ValidationError(`${file} is not valid YAML.`, parsed.diagnostics, new Map([[file, text]]));
  o.out(renderMermaid(workflowGraph(parsed.source.value), { direction: flags.direction }).trimEnd());
}
