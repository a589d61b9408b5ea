import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';

const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

async function script(shell: string): Promise<string> {
  const r = await cli('completion', shell);
  expect(r).toMatchObject({ code: 0, stderr: '' });
  const file = join(tempDir('cg-completion-'), `catalyst-gen.${shell}`);
  writeFileSync(file, r.stdout);
  return file;
}

describe('catalyst-gen completion', () => {
  it('bash: the script parses (bash -n), passes shellcheck when installed, and completes from the command definitions', async () => {
    const file = await script('bash');
    execFileSync('bash', ['-n', file]);
    if (has('shellcheck')) execFileSync('shellcheck', ['-s', 'bash', file]);
    // Complete a few command lines the way bash does: COMP_WORDS, COMP_CWORD, then COMPREPLY.
    const complete = (...words: string[]) =>
      execFileSync('bash', ['-c', `source "$0"; COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _catalyst_gen; printf '%s\\n' "\${COMPREPLY[@]}"`, file, 'catalyst-gen', ...words], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean);
    expect(complete('codeb')).toEqual(['codebuild']);
    expect(complete('codebuild', '')).toEqual(['sync', 'run']);
    expect(complete('validate', '--format', '')).toEqual(['text', 'json', 'sarif']);
    expect(complete('validate', '--sk')).toEqual(['--skip-unknown']);
    expect(complete('completion', '')).toEqual(['bash', 'zsh', 'fish']);
    // A value with no fixed choices falls back to file names (complete -o default).
    expect(complete('validate', '--build-image', '')).toEqual([]);
    expect(complete('codebuild', 'run', '--no-f')).toEqual(['--no-follow']);
  });

  it('zsh: every command and option is offered, and the script parses when zsh is installed', async () => {
    const file = await script('zsh');
    const text = (await cli('completion', 'zsh')).stdout;
    expect(text.startsWith('#compdef catalyst-gen\n')).toBe(true);
    expect(text).toContain(`"validate --format") compadd -- 'text' 'json' 'sarif'; return ;;`);
    expect(text).toMatch(/"codebuild"\) cands=\('sync:[^']*' 'run:[^']*'\)/);
    if (has('zsh')) execFileSync('zsh', ['-n', file]);
  });

  it('fish: subcommands under their parent, choices and file values', async () => {
    const file = await script('fish');
    const text = (await cli('completion', 'fish')).stdout;
    expect(text).toContain("complete -c catalyst-gen -n '__fish_seen_subcommand_from codebuild; and not __fish_seen_subcommand_from sync run' -a 'sync'");
    expect(text).toContain("complete -c catalyst-gen -n '__fish_seen_subcommand_from validate' -l format -x -a 'text json sarif'");
    expect(text).toContain("complete -c catalyst-gen -n '__fish_seen_subcommand_from validate' -F");
    if (has('fish')) execFileSync('fish', ['--no-execute', file]);
  });

  it('refuses another shell (usage error)', async () => {
    expect((await cli('completion', 'powershell')).code).toBe(2);
  });
});
