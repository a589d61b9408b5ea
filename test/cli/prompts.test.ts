import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { groupByParent, promptForOptions } from '../../src/cli/prompts.js';
import { defineBlueprint } from '../../src/model/blueprint.js';

const bp = defineBlueprint<Record<string, unknown>>({
  id: 'prompt-test',
  displayName: 'x',
  description: 'x',
  version: '1.0.0',
  options: {
    type: 'object',
    properties: {
      codeArtifact: {
        type: 'object',
        description: 'The private repository.',
        properties: {
          domainOwner: { type: 'string', pattern: '^[0-9]{12}$', description: '12-digit account.' },
          region: { type: 'string', default: 'us-east-1' },
        },
      },
    },
  },
  defaults: {},
  render: () => ({ files: [] }),
});

/** Answer prompts by writing keystrokes once each question has been drawn. */
async function answer(missing: string[], keys: string[]): Promise<{ values: Record<string, unknown>; screen: string; err: string }> {
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = '';
  output.on('data', (c: Buffer) => (screen += c.toString()));
  let err = '';
  const o = { out: () => {}, err: (t: string) => void (err += t + '\n'), color: false, stdinIsTty: true };
  const pending = promptForOptions(bp, {}, missing, o, { input, output });
  for (const k of keys) {
    await new Promise((r) => setTimeout(r, 30));
    input.write(k);
  }
  return { values: await pending, screen, err };
}

describe('prompts', () => {
  it('groups missing options by their parent', () => {
    expect([...groupByParent(['a', 'c.x', 'c.y', 'b'])]).toEqual([
      ['', ['a', 'b']],
      ['c', ['c.x', 'c.y']],
    ]);
  });

  it('asks under a heading, checks each answer as it is typed, and offers the default', async () => {
    const r = await answer(['codeArtifact.domainOwner', 'codeArtifact.region'], ['12\r', '\u0015111111111111\r', '\r']);
    expect(r.err).toContain('codeArtifact: The private repository.');
    // The rejected answer got the same kind of message --set gives.
    expect(r.screen).toMatch(/does not match the pattern/);
    expect(r.values).toEqual({ codeArtifact: { domainOwner: '111111111111', region: 'us-east-1' } });
  });
});

describe('yes/no question', () => {
  it.each([
    ['Enter (the default is no)', '\r', false],
    ['y', 'y\r', true],
    ['n', 'n\r', false],
  ])('%s', async (_, keys, expected) => {
    const { askYesNo } = await import('../../src/cli/prompts.js');
    const input = new PassThrough();
    const output = new PassThrough();
    let screen = '';
    output.on('data', (c: Buffer) => (screen += c.toString()));
    const pending = askYesNo('Write it?', { input, output });
    await new Promise((r) => setTimeout(r, 30));
    input.write(keys);
    expect(await pending).toBe(expected);
    expect(screen).toContain('Write it?');
  });
});
