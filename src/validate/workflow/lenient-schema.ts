/**
 * The workflow schema as an editor should see it. `schemas/workflow.schema.json` describes the canonical
 * spelling, which the validator checks after normalizing the forms the service also accepts (`lenient.ts`:
 * `Type: Push`, `Events: [open]`, `SchemaVersion: 1.0`, `Compute Type: Lambda`, `SharedInstance: true`). An
 * editor given the canonical schema would mark those files, console-generated ones included, as wrong; this
 * copy accepts exactly those scalars as well (`catalyst-gen schema workflow --lenient`), and nothing else.
 * Pure; it throws if the schema no longer has the shape it widens, so the two cannot drift apart silently.
 */
type Json = Record<string, unknown>;

/** `^(?:[Pp][Uu][Ss][Hh]|...)$`: the words in any letter case (JSON schema patterns have no `i` flag). */
function anyCase(words: readonly string[]): string {
  const word = (w: string) => [...w].map((c) => (/[a-z]/i.test(c) ? `[${c.toUpperCase()}${c.toLowerCase()}]` : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return `^(?:${words.map(word).join('|')})$`;
}

/** The canonical values first (editors complete from the enum), then the same words in any case. */
function enumAnyCase(canonical: readonly string[], alsoWords: readonly string[] = []): Json {
  return { anyOf: [{ enum: [...canonical] }, { type: 'string', pattern: anyCase([...canonical, ...alsoWords]) }] };
}

function at(schema: Json, path: readonly (string | number)[]): Json {
  let node: unknown = schema;
  for (const k of path) {
    node = (node as Record<string | number, unknown> | undefined)?.[k];
    if (node === undefined) throw new Error(`workflow schema: nothing at /${path.join('/')}; update lenient-schema.ts with the schema`);
  }
  return node as Json;
}

/** Replace `key` of the object at `path`, checking it holds what is expected. */
function widen(schema: Json, path: readonly (string | number)[], key: string, expected: unknown, replacement: unknown): void {
  const parent = at(schema, path);
  if (JSON.stringify(parent[key]) !== JSON.stringify(expected)) {
    throw new Error(`workflow schema: /${[...path, key].join('/')} is ${JSON.stringify(parent[key])}, not ${JSON.stringify(expected)}; update lenient-schema.ts with the schema`);
  }
  parent[key] = replacement;
}

export function lenientWorkflowSchema(canonical: Json): Json {
  const schema = structuredClone(canonical);
  const d = ['definitions'];
  widen(schema, ['properties'], 'SchemaVersion', { const: '1.0', description: 'Always "1.0".' }, { anyOf: [{ const: '1.0' }, { const: 1 }], description: 'Always "1.0" (the number 1.0 is accepted).' });

  // Trigger types in any case, PULL_REQUEST too; the `if`s that pick each trigger's schema follow.
  widen(schema, [...d, 'Trigger', 'properties'], 'Type', { enum: ['PUSH', 'PULLREQUEST', 'SCHEDULE'] }, enumAnyCase(['PUSH', 'PULLREQUEST', 'SCHEDULE'], ['PULL_REQUEST']));
  const triggerIfs = at(schema, [...d, 'Trigger', 'allOf']) as unknown as Json[];
  triggerIfs.forEach((_, i) => {
    const type = at(schema, [...d, 'Trigger', 'allOf', i, 'if', 'properties', 'Type'])['const'] as string;
    widen(schema, [...d, 'Trigger', 'allOf', i, 'if', 'properties'], 'Type', { const: type }, { type: 'string', pattern: anyCase(type === 'PULLREQUEST' ? [type, 'PULL_REQUEST'] : [type]) });
  });
  const events = ['OPEN', 'REVISION', 'CLOSED', 'MERGED', 'DRAFT'];
  widen(schema, [...d, 'PullRequestTrigger', 'properties', 'Events'], 'items', { enum: events }, enumAnyCase(events));

  // Compute types in any case, on the workflow and on actions; SharedInstance also as a boolean or in any case.
  for (const def of ['WorkflowCompute', 'ActionCompute']) {
    widen(schema, [...d, def, 'properties'], 'Type', { enum: ['EC2', 'LAMBDA'] }, enumAnyCase(['EC2', 'LAMBDA']));
    widen(schema, [...d, def, 'allOf', 0, 'if', 'properties'], 'Type', { const: 'LAMBDA' }, { type: 'string', pattern: anyCase(['LAMBDA']) });
  }
  widen(schema, [...d, 'WorkflowCompute', 'properties'], 'SharedInstance', { enum: ['TRUE', 'FALSE'] }, { anyOf: [enumAnyCase(['TRUE', 'FALSE']), { type: 'boolean' }] });
  // Its own $id: an editor or a schema store that holds both must not take one for the other.
  schema['$id'] = String(schema['$id']).replace(/\.schema\.json$/, '.lenient.schema.json');
  schema['description'] = `${String(schema['description'] ?? '')} Lenient copy for editors: also accepts the spellings the service accepts and catalyst-gen validate warns about.`.trim();
  return schema;
}
