import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { askEveryOption, askYesNo } from '../../src/cli/prompts.js';
import { defineBlueprint } from '../../src/model/blueprint.js';
import { applyAssignments, mergeOptions, parseSetArgument } from '../../src/options/resolve.js';
import { validateOptions } from '../../src/options/validate.js';
import { stripAnsi } from '../helpers/pty.js';

interface Options {
  readonly account: string;
  readonly mode: 'latest' | 'pinned';
  readonly version?: string;
  readonly codeArtifact?: { readonly domain: string; readonly region: string };
}

const bp = defineBlueprint<Options>({
  id: 'prompt-test',
  displayName: 'x',
  description: 'x',
  version: '1.0.0',
  options: {
    type: 'object',
    required: ['account', 'mode'],
    properties: {
      account: { type: 'string', pattern: '^[0-9]{12}$', description: '12-digit account.' },
      mode: { type: 'string', enum: ['latest', 'pinned'], description: 'Which version.' },
      version: { type: 'string', pattern: '^[0-9.]+$', description: 'Version, when pinned.' },
      codeArtifact: {
        type: 'object',
        description: 'The private repository.',
        required: ['domain', 'region'],
        properties: { domain: { type: 'string', minLength: 2 }, region: { type: 'string', default: 'us-east-1' } },
      },
    },
    // A rule between options: each answer alone can pass while the whole does not.
    allOf: [{ if: { properties: { mode: { const: 'pinned' } } }, then: { required: ['version'] } }],
  },
  defaults: { account: '111111111111', mode: 'latest' },
  render: () => ({ files: [] }),
});

/** Answer the wizard: each key is typed once the screen shows `when` (a question), in order. */
async function wizard(steps: readonly [when: string | RegExp, keys: string][], skip: readonly string[] = []) {
  const input = new PassThrough();
  const output = terminalOutput((t) => (screen += t));
  let screen = '';
  let err = '';
  // What the command prints on stderr goes on the same screen, in order.
  const o = { out: () => {}, err: (t: string) => void ((err += t + '\n'), (screen += t + '\n')), color: false, stdinIsTty: true };
  const pending = askEveryOption(bp, mergeOptions(bp.defaults), new Set(skip), o, { input, output });
  let seen = 0;
  for (const [when, keys] of steps) {
    for (let waited = 0; ; waited += 10) {
      const rest = stripAnsi(screen).slice(seen);
      const m = typeof when === 'string' ? rest.indexOf(when) : rest.search(when);
      if (m >= 0) {
        seen += m + 1;
        break;
      }
      if (waited > 5000) throw new Error(`no ${String(when)} on screen:\n${stripAnsi(screen)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => setTimeout(r, 20));
    input.write(keys);
  }
  return { values: await pending, screen: stripAnsi(screen), err };
}

/**
 * A stream that stays open like a terminal's: each prompt pipes its output into the stream it is given and
 * ends that pipe when it closes, which would end a plain PassThrough before the next question.
 */
function terminalOutput(write: (text: string) => void): PassThrough {
  const out = new PassThrough();
  out.on('data', (c: Buffer) => write(c.toString()));
  out.end = (() => out) as PassThrough['end'];
  return out;
}

const ENTER = '\r';
const CLEAR = '\u0015';
const DOWN = '\u001b[B';

describe('the wizard', () => {
  it('asks every option with its value pre-filled, and Enter keeps the defaults', async () => {
    const r = await wizard([
      ['account', ENTER],
      ['mode', ENTER],
      ['version (optional', ENTER],
      ['Set codeArtifact', ENTER],
    ]);
    expect(r.values).toEqual({ account: '111111111111', mode: 'latest' });
    expect(r.screen).toContain('account (12-digit account.) 111111111111');
  });

  it('re-asks a wrong answer with the message --set gives for it', async () => {
    const r = await wizard([
      ['account', `${CLEAR}12${ENTER}`],
      ['does not match', `${CLEAR}222222222222${ENTER}`],
      ['mode', ENTER],
      ['version (optional', ENTER],
      ['Set codeArtifact', ENTER],
    ]);
    expect(r.values['account']).toBe('222222222222');
    const set = parseSetArgument('account=12', bp.options);
    if (!set.ok) throw new Error('unexpected');
    const [finding] = validateOptions(bp, applyAssignments(mergeOptions(bp.defaults), [set.assignment]).values);
    expect(finding?.message).toMatch(/^Option "account" is "12", which does not match the pattern/);
    expect(r.screen).toContain(finding!.message.replace(/^Option "account"/, 'account'));
  });

  it('turns an optional group on, with its fields and their defaults', async () => {
    const r = await wizard([
      ['account', ENTER],
      ['mode', ENTER],
      ['version (optional', ENTER],
      ['Set codeArtifact', `y${ENTER}`],
      ['codeArtifact.domain', `acme${ENTER}`],
      ['codeArtifact.region', ENTER],
    ]);
    expect(r.values).toEqual({ account: '111111111111', mode: 'latest', codeArtifact: { domain: 'acme', region: 'us-east-1' } });
    expect(r.err).toContain('codeArtifact: The private repository.');
  });

  it('shows a rule between options that the answers break, and asks again until they keep it', async () => {
    const r = await wizard([
      ['account', ENTER],
      ['mode', `${DOWN}${ENTER}`],
      ['version (optional', ENTER],
      ['Set codeArtifact', ENTER],
      ['These options do not go together', ''],
      ['account', ENTER],
      ['mode', ENTER],
      ['version (optional', `1.2${ENTER}`],
      ['Set codeArtifact', ENTER],
    ]);
    expect(r.err).toMatch(/These options do not go together:\n {2}Option "version" is required/);
    expect(r.values).toEqual({ account: '111111111111', mode: 'pinned', version: '1.2' });
  });

  it('does not ask what the command line gave', async () => {
    const r = await wizard([['mode', ENTER], ['version', ENTER], ['Set codeArtifact', ENTER]], ['account']);
    expect(r.screen).not.toContain('account (');
    expect(r.values['account']).toBe('111111111111');
  });
});

describe('yes/no question', () => {
  it.each([
    ['Enter (the default is no)', '\r', false],
    ['y', 'y\r', true],
    ['n', 'n\r', false],
  ])('%s', async (_, keys, expected) => {
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
