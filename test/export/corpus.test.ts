import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { validateText } from '../../src/validate/file.js';
import { CASES, renderSet } from '../catalogue/harness.js';
import { HAS_SHARED, SHARED } from '../workflow/helpers.js';
import { exportChecked, flattenedEdges, inferredEdges, needsEdges } from './helpers.js';

// Every real workflow of the conformance set and every workflow the catalogue renders exports without throwing,
// passes GitHub's workflow schema and actionlint, and keeps the dependency graph: the exported jobs' needs are the
// CodeCatalyst DependsOn edges after group flattening, plus only the dependencies CodeCatalyst itself infers from
// a variable read or an artifact consumed (GitHub needs those as direct needs to read needs.X.outputs).

const dir = join(SHARED, 'conformance', 'workflows');
const rows = HAS_SHARED
  ? readFileSync(join(dir, 'EXPECTED.tsv'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#'))
      .map((l) => l.split('\t') as [string, 'valid' | 'invalid'])
  : [];

if (!HAS_SHARED) console.warn('Skipping the export of the real workflows: ../shared/conformance/workflows is not present beside this checkout (CI has it; a plain clone does not).');

async function checkExport(text: string, file: string): Promise<void> {
  const e = await exportChecked(text);
  expect(e.problems, `${file}:\n${e.text}`).toEqual([]);
  const wire = parse(text);
  const want = flattenedEdges(wire);
  const got = needsEdges(e);
  const inferred = inferredEdges(wire);
  for (const edge of want) expect(got, `${file}: ${edge}`).toContain(edge);
  for (const edge of got) if (!want.has(edge)) expect(inferred, `${file}: needs edge ${edge} is neither a DependsOn nor an inferred dependency`).toContain(edge);
  // Same nodes: one job per action (gates included), none for groups.
  expect(e.jobIds.size).toBe(Object.keys(e.parsed.jobs).length);
}

describe.skipIf(!HAS_SHARED)('export github-actions: the real workflows (conformance set in ../shared; skipped when absent)', () => {
  it('has the 36 files', () => expect(rows).toHaveLength(36));

  it.each(rows.filter((r) => r[1] === 'valid'))('%s exports, passes the schema and actionlint, and keeps the graph', async (file) => {
    await checkExport(readFileSync(join(dir, file), 'utf8'), file);
  });

  it.each(rows.filter((r) => r[1] === 'invalid'))('%s is refused by validation before export (the command exports only valid workflows)', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    expect(validateText(text, file, 'workflow').some((d) => d.severity === 'error')).toBe(true);
  });
});

describe('export github-actions: every workflow the catalogue renders', () => {
  const workflows = CASES.flatMap(({ id, set }) =>
    [...renderSet(id, set).values()].filter((f) => f.kind === 'workflow').map((f) => ({ name: `${id}/${set}/${f.path}`, content: f.content })),
  );

  it('renders some workflows', () => expect(workflows.length).toBeGreaterThan(5));

  it.each(workflows.map((w) => [w.name, w.content] as const))('%s exports, passes the schema and actionlint, and keeps the graph', async (name, content) => {
    await checkExport(content, name);
  });
});
