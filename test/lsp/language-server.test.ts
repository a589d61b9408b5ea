import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLspClient, type LspClient } from '../../bench/lsp-client.js';
import { validateText } from '../../src/validate/file.js';
import { cli } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/files.js';

// One language server process for the whole file, spawned as users' editors spawn it: the built command
// (package.json's bin, built by the global setup) with `lsp --stdio`, spoken to over JSON-RPC.
const BIN = join(REPO_ROOT, 'dist/src/bundle/bin.js');
const URI = 'file:///home/dev/app/.codecatalyst/workflows/release.yaml';

const BROKEN = [
  'Name: release', //                                   0
  'SchemaVersion: "1.0"', //                            1
  'Triggers:', //                                       2
  '  - Type: Push', //                                  3
  '    Branches: [main]', //                            4
  'Actions:', //                                        5
  '  Build:', //                                        6
  '    Identifier: aws/bulid@v1', //                    7
  '    DependsOn: [Deploy]', //                         8
  '    Configuration:', //                              9
  '      Steps:', //                                    10
  '        - Run: make', //                             11
  '  Deploy:', //                                       12
  '    Identifier: aws/build@v1', //                    13
  '    DependsOn: [Build]', //                          14
  '    Configuration:', //                              15
  '      Steps:', //                                    16
  '        - Run: ./deploy.sh', //                      17
  '',
].join('\n');

let client: LspClient;
beforeAll(async () => {
  expect(existsSync(BIN), 'the build made the command').toBe(true);
  client = await startLspClient([BIN, 'lsp', '--stdio']);
});
afterAll(async () => {
  expect(await client.stop()).toBe(0);
});

const pos = (line: number, character: number) => ({ line, character });

describe('catalyst-gen lsp --stdio', () => {
  it('publishes on open what validate reports, at the same ranges', async () => {
    client.open(URI, BROKEN, 1);
    const published = await client.diagnostics(URI, 1);
    const byCode = (code: string) => published.diagnostics.filter((d) => d.code === code);
    // The typo'd identifier: the value on line 7, columns 16-28.
    expect(byCode('WF-IDENTIFIER-UNKNOWN').map((d) => d.range)).toEqual([{ start: pos(7, 16), end: pos(7, 28) }]);
    expect(byCode('WF-IDENTIFIER-UNKNOWN')[0]!.severity).toBe(1);
    // The cycle: on one of the DependsOn entries, covering the name it lists.
    const [cycle] = byCode('WF-DEPENDS-CYCLE');
    expect(cycle, JSON.stringify(published, null, 1)).toBeDefined();
    const at = `${cycle!.range.start.line}:${cycle!.range.start.character}-${cycle!.range.end.character}`;
    expect(['8:16-22', '14:16-21']).toContain(at);
    // Exactly validate's findings: same codes, same 1-based positions.
    const expected = validateText(BROKEN, '.codecatalyst/workflows/release.yaml', 'workflow').map((d) => `${d.code}@${d.line}:${d.col}`);
    expect(published.diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1}`).sort()).toEqual(expected.sort());
  });

  it('checks devfiles and buildspecs as validate does, and leaves other YAML files alone', async () => {
    const files = {
      'file:///home/dev/app/devfile.yaml': ['schemaVersion: 2.0.0', 'metadata:', '  name: x', 'components:', '  - name: Bad_Name', '    container:', '      image: alpine', ''].join('\n'),
      'file:///home/dev/app/buildspec.yml': ['version: 0.2', 'phases:', '  build:', '    commandz:', '      - make', ''].join('\n'),
    };
    for (const [uri, text] of Object.entries(files)) {
      client.open(uri, text, 1);
      const published = await client.diagnostics(uri, 1);
      const path = uri.slice('file:///home/dev/app/'.length);
      const expected = validateText(text, path, path === 'devfile.yaml' ? 'devfile' : 'buildspec').map((d) => `${d.code}@${d.line}:${d.col}`);
      expect(expected.length, path).toBeGreaterThan(0);
      expect(published.diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1}`).sort(), path).toEqual(expected.sort());
    }
    client.open('file:///home/dev/app/config.yaml', 'colour: [blue\n', 1);
    expect((await client.diagnostics('file:///home/dev/app/config.yaml', 1)).diagnostics).toEqual([]);
  });

  it('publishes again after an edit', async () => {
    const fixed = BROKEN.replace('aws/bulid@v1', 'aws/build@v1').replace('    DependsOn: [Deploy]\n', '');
    client.change(URI, fixed, 2);
    const published = await client.diagnostics(URI, 2);
    expect(published.version).toBe(2);
    expect(published.diagnostics.map((d) => d.code)).toEqual(['WF-LENIENT-TRIGGER-TYPE']);
    client.change(URI, BROKEN, 3);
    expect((await client.diagnostics(URI, 3)).diagnostics.map((d) => d.code)).toContain('WF-IDENTIFIER-UNKNOWN');
  });

  it('offers the safe quick fixes: the suggested identifier, the canonical trigger type', async () => {
    const published = await client.diagnostics(URI, 3);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: { start: pos(0, 0), end: pos(18, 0) },
      context: { diagnostics: published.diagnostics },
    })) as { title: string; edit: { changes: Record<string, { range: unknown; newText: string }[]> } }[];
    const edits = actions.flatMap((a) => a.edit.changes[URI]!);
    expect(edits).toContainEqual({ range: { start: pos(7, 16), end: pos(7, 28) }, newText: 'aws/build@v1' });
    expect(edits).toContainEqual({ range: { start: pos(3, 10), end: pos(3, 14) }, newText: 'PUSH' });
    // A cycle has no mechanical fix: nothing is offered for it.
    expect(actions.some((a) => /cycle/i.test(a.title))).toBe(false);
  });

  it('answers hovers from the schema and the action list', async () => {
    const hover = (line: number, character: number) => client.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: pos(line, character) }) as Promise<{ contents: { value: string } } | null>;
    const identifier = await hover(13, 20);
    expect(identifier?.contents.value).toContain('Build: runs shell steps in a container image.');
    expect(identifier?.contents.value).toContain('Versions: v1');
    expect((await hover(0, 2))?.contents.value).toBe('**Name**\n\nWorkflow name.');
    const type = await hover(3, 6);
    expect(type?.contents.value).toContain('`PUSH`, `PULLREQUEST`, `SCHEDULE`');
  });

  it('completes action identifiers, DependsOn names and enumerated values', async () => {
    const text = BROKEN.replace('    Identifier: aws/build@v1\n    DependsOn: [Build]', '    Identifier: aws/cdk-de\n    DependsOn: [B').replace('  - Type: Push', '  - Type: P');
    client.change(URI, text, 4);
    await client.diagnostics(URI, 4);
    const complete = async (line: number, character: number) =>
      ((await client.connection.sendRequest('textDocument/completion', { textDocument: { uri: URI }, position: pos(line, character) })) as { label: string; textEdit: { range: unknown } }[]).map((c) => c.label);
    const lines = text.split('\n');
    const identifiers = await complete(13, lines[13]!.length);
    expect(identifiers).toEqual(expect.arrayContaining(['aws/cdk-deploy@v1', 'aws/cdk-deploy@v2', 'aws/build@v1', 'aws/s3-publish@v1']));
    expect(await complete(14, lines[14]!.length)).toEqual(['Build']);
    expect(await complete(3, lines[3]!.length)).toEqual(['PUSH', 'PULLREQUEST', 'SCHEDULE']);
  });
});

it('lsp without --stdio is a usage error', async () => {
  const r = await cli('lsp');
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('catalyst-gen lsp --stdio');
});
