import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { KEY, PtySession } from '../helpers/pty.js';
import { serviceBlueprint, writeFiles } from './fixtures.js';
import { BIN, cg, sandbox, type Sandbox } from './helpers.js';

// The wizard of `new`, driven in a real pseudo-terminal as a user would drive it: the picker over every
// catalogue, the target folder, every option (a wrong answer re-asked with the --set message, a list edited,
// an optional group), then the command line and the options file that make the same project without questions.

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out[relative(dir, join(d, e.name))] = readFileSync(join(d, e.name), 'utf8');
    }
  };
  walk(dir);
  return out;
}

function withService(): Sandbox {
  const box = sandbox();
  writeFiles(join(box.work, 'bps'), serviceBlueprint());
  writeFileSync(join(box.work, '.catalyst-gen.yaml'), 'blueprints:\n  - ./bps/service.ts\n');
  return box;
}

describe('the wizard of new, on a terminal', () => {
  it('picks a blueprint, asks every option, and prints a command and writes an options file that make the same project', async () => {
    const box = withService();
    const s = new PtySession(['node', BIN, 'new'], { cwd: box.work, env: box.env });
    try {
      await s.waitFor('Blueprint (type to filter)');
      await s.type('team');
      await s.waitFor('❯ service  Team service  [./bps/service.ts]');
      await s.type(KEY.enter);
      await s.waitFor('Folder to create the project in');
      await s.type(KEY.enter); // ./service
      await s.waitFor('name (Service name');
      await s.type(KEY.ctrlU, 'Bad!', KEY.enter);
      await s.waitFor('name is "Bad!", which does not match the pattern ^[a-z][a-z0-9-]{1,30}$');
      await s.type(KEY.ctrlU, 'billing', KEY.enter);
      await s.waitFor('runtime (Language runtime.)');
      await s.type(KEY.down, KEY.enter);
      await s.waitFor('branch (Branch that CI builds.)');
      await s.type(KEY.enter);
      await s.waitFor('stages (Where it deploys.): dev 111111111111');
      await s.type(KEY.down, KEY.down, KEY.enter); // Add one
      await s.waitFor('stages.1.name');
      await s.type(KEY.ctrlU, 'prod', KEY.enter);
      await s.waitFor('stages.1.account');
      await s.type(KEY.ctrlU, '222222222222', KEY.enter);
      await s.waitFor('Keep these 2 and go on');
      await s.type(KEY.enter);
      await s.waitFor('Set alarms (E-mail alarms.)?');
      await s.type('n', KEY.enter);
      // The workflow and the README, and the editor settings with the workflow schema they name.
      await s.waitFor('done: 4 file(s) written');
      await s.waitFor('Save these answers as an options file');
      await s.type('answers.yaml', KEY.enter);
      await s.waitFor('Saved.');
      expect(await s.exit()).toBe(0);
    } finally {
      s.kill();
    }

    const made = tree(join(box.work, 'service'));
    expect(parse(made['.codecatalyst/workflows/ci.yaml']!).Actions.Test.Configuration.Steps).toEqual([{ Run: 'pip install -r requirements.txt' }, { Run: 'python -m pytest' }]);
    expect(made['README.md']).toBe('# billing\n\nRuntime: python3.12. Stages: dev (111111111111), prod (222222222222).\n');

    // The same message --set gives for the same wrong answer.
    const set = cg(box, ['new', 'service', './x', '--no-input', '--set', 'name=Bad!']);
    expect(set.stderr).toContain('Option "name" is "Bad!", which does not match the pattern ^[a-z][a-z0-9-]{1,30}$.');

    // The printed command, run in a shell, makes the same files.
    const printed = /To make this project again without questions \(in CI, say\):\n {2}(catalyst-gen new .*)\n/.exec(s.text)?.[1];
    expect(printed).toBe(`catalyst-gen new service ./service --no-input --set name=billing --set runtime=python3.12 --set 'stages=[{"name":"dev","account":"111111111111"},{"name":"prod","account":"222222222222"}]'`);
    const again = join(box.root, 'again');
    writeFiles(again, { '.catalyst-gen.yaml': `blueprints:\n  - ${relative(again, join(box.work, 'bps/service.ts'))}\n` });
    const r = spawnSync('bash', ['-c', printed!.replace(/^catalyst-gen /, `"${process.execPath}" "${BIN}" `)], { cwd: again, env: box.env, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    // Every file the same; the manifest records the blueprint's path from the project, which is elsewhere here.
    const withoutSource = (t: Record<string, string>) => {
      const m = JSON.parse(t['.catalyst-gen/manifest.json']!);
      delete m.blueprint.source;
      return { ...t, '.catalyst-gen/manifest.json': m };
    };
    expect(withoutSource(tree(join(again, 'service')))).toEqual(withoutSource(made));

    // So does the options file.
    expect(parse(readFileSync(join(box.work, 'answers.yaml'), 'utf8'))).toEqual({
      name: 'billing',
      runtime: 'python3.12',
      branch: 'main',
      stages: [
        { name: 'dev', account: '111111111111' },
        { name: 'prod', account: '222222222222' },
      ],
    });
    const fromFile = cg(box, ['new', 'service', './from-file', '--no-input', '--options', 'answers.yaml']);
    expect(fromFile.code, fromFile.stderr).toBe(0);
    const copy = tree(join(box.work, 'from-file'));
    expect(copy['README.md']).toBe(made['README.md']);
    expect(copy['.codecatalyst/workflows/ci.yaml']).toBe(made['.codecatalyst/workflows/ci.yaml']);
  });

  it('asks every option of a built-in blueprint too, each pre-filled with its default', async () => {
    const box = sandbox();
    const s = new PtySession(['node', BIN, 'new', 'starter', './p'], { cwd: box.work, env: box.env });
    try {
      await s.waitFor('projectName (Name of the project');
      await s.type(KEY.enter);
      await s.waitFor('description (One sentence about the project');
      await s.type(KEY.enter);
      await s.waitFor('license (License named in the README.)');
      await s.type(KEY.enter);
      await s.waitFor('ignore (Extra .gitignore patterns, one a line (no leading or trailing spaces).)');
      await s.type('*.tmp, coverage/', KEY.enter);
      await s.waitFor("catalyst-gen new starter ./p --no-input --set 'ignore=*.tmp,coverage/'");
      await s.waitFor('Save these answers');
      await s.type(KEY.enter);
      expect(await s.exit()).toBe(0);
    } finally {
      s.kill();
    }
    expect(readFileSync(join(box.work, 'p/.gitignore'), 'utf8')).toMatch(/\*\.tmp\ncoverage\/\n$/);
  });

  it('Ctrl-C at a question stops with nothing written (exit 130)', async () => {
    const box = withService();
    const s = new PtySession(['node', BIN, 'new', 'service', './stopped'], { cwd: box.work, env: box.env });
    try {
      await s.waitFor('name (Service name');
      await s.type(KEY.ctrlC);
      expect(await s.exit()).toBe(130);
    } finally {
      s.kill();
    }
    expect(s.text).toContain('Stopped: nothing was written.');
    expect(existsSync(join(box.work, 'stopped'))).toBe(false);
  });

  it('without a terminal, new without a blueprint says what to give it', () => {
    const box = sandbox();
    const r = cg(box, ['new']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"new" needs a blueprint: catalyst-gen new <blueprint> [dir] (see "catalyst-gen list"). On a terminal, "catalyst-gen new" alone lets you choose one.');
  });
});
