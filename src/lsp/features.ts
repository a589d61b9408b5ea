import { workflowGraph } from '../wire/workflow-graph.js';
import { isRecord } from '../model/values.js';
import { AWS_ACTION_IDENTIFIERS, awsAction, awsIdentifierParts } from '../wire/aws-actions.js';
import type { EditorKind } from './analysis.js';
import { schemaFactsAt } from './schema-lookup.js';
import { cursorDoc, keyPathOnLine, nodeAt, type CursorDoc } from './yaml-context.js';

/**
 * Hover and completion on a document's text, by offset. Pure: the server turns offsets into positions. What
 * they say comes from the schema `catalyst-gen schema <kind>` prints (descriptions, enumerated values) and the
 * list of aws/ actions (`wire/aws-actions.ts`); action names come from the document's last value that parsed.
 */
export interface Suggestion {
  readonly label: string;
  readonly detail?: string;
  readonly kind: 'value' | 'action' | 'reference';
  /** Offset where the text this suggestion replaces starts (it ends at the cursor). */
  readonly from: number;
}

export interface HoverText {
  readonly markdown: string;
  readonly from: number;
  readonly to: number;
}

export interface FeatureInput {
  readonly kind: EditorKind;
  readonly text: string;
  readonly offset: number;
  readonly schema: Record<string, unknown>;
  /** The document's value when it last parsed. */
  readonly lastValue?: unknown;
}

export function completions(input: FeatureInput): Suggestion[] {
  const { kind, text, offset } = input;
  const prefix = text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
  const word = /["']?([^\s"',[\]{}:]*)$/.exec(prefix)!;
  const from = offset - word[1]!.length;
  const c = cursorDoc(text);

  if (kind === 'workflow' && /(^|[\s{,])Identifier:\s*["']?[^\s"',{}]*$/.test(prefix)) {
    return AWS_ACTION_IDENTIFIERS.map((id) => ({ label: id, detail: awsAction(awsIdentifierParts(id)!.name)!.summary, kind: 'action', from }));
  }
  if (kind === 'workflow') {
    const dependsAt = /DependsOn:\s*\[[^\]]*$/.test(prefix) ? offset : /^\s*-\s*["']?[A-Za-z0-9_-]*$/.test(prefix) ? parentKeyOffset(text, offset, 'DependsOn') : undefined;
    if (dependsAt !== undefined) {
      const path = keyPathOnLine(c, dependsAt);
      const own = path && path[path.length - 1] === 'DependsOn' ? path[path.length - 2] : undefined;
      const graph = isRecord(input.lastValue) ? workflowGraph(input.lastValue) : undefined;
      return (graph?.nodes ?? []).filter((n) => n.name !== own).map((n) => ({ label: n.name, detail: n.identifier ?? (n.kind === 'group' ? 'action group' : undefined), kind: 'reference', from }));
    }
  }
  if (!/:\s*["']?[^\s"',{}:]*$/.test(prefix)) return [];
  const path = keyPathOnLine(c, offset);
  if (!path) return [];
  const facts = schemaFactsAt(input.schema, path, documentValue(c, input.lastValue));
  return facts.values.filter((v): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v)).map((v) => ({ label: String(v), kind: 'value', from }));
}

export function hover(input: FeatureInput): HoverText | undefined {
  const c = cursorDoc(input.text);
  const at = nodeAt(c, input.offset);
  if (!at?.scalar || at.path.length === 0) return undefined;
  const parts: string[] = [];
  const key = at.path[at.path.length - 1]!;
  const facts = schemaFactsAt(input.schema, at.path, documentValue(c, input.lastValue));
  if (typeof key === 'string') parts.push(`**${key}**`);
  if (facts.description) parts.push(facts.description);
  if (facts.values.length > 1) parts.push(`One of: ${facts.values.map((v) => `\`${String(v)}\``).join(', ')}.`);
  if (input.kind === 'workflow' && !at.onKey && key === 'Identifier' && typeof at.scalar.value === 'string') {
    const parts2 = awsIdentifierParts(at.scalar.value);
    const action = parts2 ? awsAction(parts2.name) : undefined;
    if (action && parts2) parts.push(`\`aws/${parts2.name}\`: ${action.summary} Versions: ${action.majors.map((m) => `v${m}`).join(', ')}.${action.configuration ? ` Configuration: ${action.configuration.join(', ')}.` : ''}`);
  }
  if (parts.length <= 1) return undefined;
  return { markdown: parts.join('\n\n'), from: at.scalar.range[0], to: at.scalar.range[1] };
}

/** The document's value as it is now (errors and all), or the last one that parsed. */
function documentValue(c: CursorDoc, lastValue: unknown): unknown {
  try {
    return c.doc.toJS({ maxAliasCount: 100 }) ?? lastValue;
  } catch {
    return lastValue;
  }
}

/** The offset of `key:` on the nearest line above `offset` indented less than the cursor's line, when it is that key. */
function parentKeyOffset(text: string, offset: number, key: string): number | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const indent = /^ */.exec(text.slice(lineStart))![0].length;
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    end = start - 1;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const ind = /^ */.exec(line)![0].length;
    if (ind < indent || (ind === indent && !line.trimStart().startsWith('-'))) {
      const m = new RegExp(`^(\\s*(?:-\\s+)?)${key}:\\s*$`).exec(line);
      return m ? start + m[1]!.length : undefined;
    }
  }
  return undefined;
}
