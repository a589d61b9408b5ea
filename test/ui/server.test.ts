import { existsSync, mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreviewServer, type PreviewServer } from '../../src/ui/server.js';
import type { Preview } from '../../src/ui/page-api.js';
import { PreviewSession } from '../../src/ui/session.js';
import { cli, snapshotTree, tempDir } from '../helpers/cli.js';
import { writeFiles } from '../blueprint-sources/fixtures.js';
import { validateText } from '../../src/validate/file.js';

/** One HTTP request with exactly these headers (fetch would not let a test send a foreign Host). */
function call(server: PreviewServer, method: string, path: string, opts: { headers?: Record<string, string>; body?: unknown; token?: boolean } = {}): Promise<{ status: number; body: string; json: () => any }> {
  const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  const headers: Record<string, string> = {
    host: `127.0.0.1:${server.port}`,
    ...(opts.token === false ? {} : { 'x-catalyst-gen-token': server.token }),
    ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
    ...opts.headers,
  };
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method, path, headers, agent: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, json: () => JSON.parse(body) }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

describe('catalyst-gen ui: the preview server', () => {
  let root: string;
  let outside: string;
  let server: PreviewServer;
  const starterValues = { projectName: 'demo', description: 'A demo project.', license: 'MIT', ignore: ['node_modules/'] };

  beforeAll(async () => {
    root = realpathSync(tempDir('cg-ui-'));
    outside = realpathSync(tempDir('cg-ui-outside-'));
    // Compiled blueprints are cached in the test's folder, and no catalogue file of the machine's user applies.
    const env = { CATALYST_GEN_CACHE_DIR: join(outside, 'cache'), XDG_CONFIG_HOME: join(outside, 'config') };
    server = await startPreviewServer(new PreviewSession(root, { cwd: root, env, log: () => {} }));
  });
  afterAll(async () => {
    await server.close();
  });

  it('listens on loopback and prints a URL with its token', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[A-Za-z0-9_-]{32}$`));
  });

  it('refuses a request without the token, or with a wrong one', async () => {
    for (const path of ['/', '/app.js', '/api/catalogue']) {
      const r = await call(server, 'GET', path, { token: false });
      expect(r.status, path).toBe(401);
      expect(r.json().error).toMatch(/access token/);
    }
    expect((await call(server, 'GET', '/api/catalogue', { token: false, headers: { 'x-catalyst-gen-token': 'x'.repeat(32) } })).status).toBe(401);
    expect((await call(server, 'GET', `/?token=${server.token}x`, { token: false })).status).toBe(401);
  });

  it('serves the page with the token in its references, and the API with it as a header', async () => {
    const page = await call(server, 'GET', `/?token=${server.token}`, { token: false });
    expect(page.status).toBe(200);
    expect(page.body).toContain(`content="${server.token}"`);
    expect(page.body).toContain(`/app.js?token=${server.token}`);
    const list = await call(server, 'GET', '/api/catalogue');
    expect(list.status).toBe(200);
    expect(list.json().blueprints.map((b: { id: string }) => b.id)).toEqual(expect.arrayContaining(['starter', 'three-tier-web']));
  });

  it('refuses a foreign Host (DNS rebinding), even with the token', async () => {
    for (const host of [`evil.example:${server.port}`, 'evil.example', `127.0.0.1:${server.port + 1}`]) {
      const r = await call(server, 'GET', '/api/catalogue', { headers: { host } });
      expect(r.status, host).toBe(421);
    }
  });

  it('refuses a cross-origin POST, and writes nothing', async () => {
    const body = { source: 'starter', target: 'cross', values: starterValues };
    const r = await call(server, 'POST', '/api/create', { body, headers: { origin: 'http://evil.example' } });
    expect(r.status).toBe(403);
    const site = await call(server, 'POST', '/api/create', { body, headers: { 'sec-fetch-site': 'cross-site' } });
    expect(site.status).toBe(403);
    // A form post from another site cannot send JSON without a preflight: any other type is refused.
    const form = await call(server, 'POST', '/api/create', { body, headers: { 'content-type': 'text/plain' } });
    expect(form.status).toBe(415);
    expect(existsSync(join(root, 'cross'))).toBe(false);
    // The page's own origin is accepted.
    const own = await call(server, 'POST', '/api/preview', { body, headers: { origin: `http://127.0.0.1:${server.port}` } });
    expect(own.status).toBe(200);
  });

  it('refuses a target folder that leaves the folder: .., an absolute path elsewhere, a symbolic link out', async () => {
    symlinkSync(outside, join(root, 'link-out'));
    const before = snapshotTree(outside);
    for (const target of ['../escape', `${outside}/x`, 'link-out', 'link-out/deeper', 'a/../../escape']) {
      for (const route of ['/api/preview', '/api/create']) {
        const r = await call(server, 'POST', route, { body: { source: 'starter', target, values: starterValues } });
        expect(r.status, `${route} ${target}`).toBe(400);
        expect(r.json().error).toMatch(/outside/);
      }
      expect((await call(server, 'GET', `/api/target?path=${encodeURIComponent(target)}`)).status, target).toBe(400);
    }
    expect(snapshotTree(outside)).toEqual(before);
    expect(existsSync(join(root, '..', 'escape'))).toBe(false);
  });

  it('refuses a blueprint path outside the folder', async () => {
    writeFileSync(join(outside, 'bp.ts'), 'export default {};\n');
    const r = await call(server, 'GET', `/api/blueprint?source=${encodeURIComponent(join(outside, 'bp.ts'))}`);
    expect(r.status).toBe(400);
    expect(r.json().error).toMatch(/outside/);
  });

  it('gives an invalid value the message --set gives', async () => {
    const bp = (await call(server, 'GET', '/api/blueprint?source=three-tier-web')).json();
    const r = await call(server, 'POST', '/api/preview', { body: { source: 'three-tier-web', target: 'web', values: { ...bp.values, appName: 'Bad!', stages: [{ ...bp.values.stages[0], account: '12' }] } } });
    const preview: Preview = r.json();
    expect(preview.files).toBeUndefined();
    const byPath = Object.fromEntries(preview.findings.map((f) => [f.path, f.message]));
    const set = await cli('new', 'three-tier-web', join(outside, 'web'), '--no-input', '--set', 'appName=Bad!', '--set', 'stages.0.account=12');
    expect(set.code).toBe(1);
    expect(byPath['appName']).toBeDefined();
    expect(byPath['stages.0.account']).toBeDefined();
    expect(set.stderr).toContain(byPath['appName']);
    expect(set.stderr).toContain(byPath['stages.0.account']);
  });

  it('types texts as --set does: a number option given as text is a number, a word is refused with --set\'s message', async () => {
    const bp = (await call(server, 'GET', '/api/blueprint?source=multi-account-control')).json();
    const numberField = bp.fields.find((f: { kind: string; type?: string }) => f.kind === 'text' && (f.type === 'integer' || f.type === 'number'));
    expect(numberField).toBeDefined();
    const ok: Preview = (await call(server, 'POST', '/api/preview', { body: { source: 'multi-account-control', target: 'mac', values: { ...bp.values, [numberField.key]: String(bp.values[numberField.key]) } } })).json();
    expect(ok.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const bad: Preview = (await call(server, 'POST', '/api/preview', { body: { source: 'multi-account-control', target: 'mac', values: { ...bp.values, [numberField.key]: 'two' } } })).json();
    const set = await cli('new', 'multi-account-control', join(outside, 'mac'), '--no-input', '--set', `${numberField.key}=two`);
    expect(bad.findings.map((f) => f.message)).toHaveLength(1);
    expect(set.stderr).toContain(bad.findings[0]!.message);
  });

  it('previews every file as new, with the workflow graphs and the command line', async () => {
    const bp = (await call(server, 'GET', '/api/blueprint?source=three-tier-web')).json();
    const p: Preview = (await call(server, 'POST', '/api/preview', { body: { source: 'three-tier-web', target: 'shop', values: { ...bp.values, appName: 'shop' } } })).json();
    expect(p.mode).toBe('new');
    expect(p.files!.every((f) => f.action === 'create')).toBe(true);
    expect(p.workflows!.map((w) => w.file)).toEqual(['.codecatalyst/workflows/Deploy.yaml', '.codecatalyst/workflows/PullRequest.yaml']);
    expect(p.workflows![0]!.graph.nodes.map((n) => n.name)).toContain('Deploy_prod');
    expect(p.workflows![0]!.mermaid).toMatch(/^flowchart TD\n/);
    expect(p.command).toEqual({ line: 'catalyst-gen new three-tier-web shop --no-input --set appName=shop' });
    expect(existsSync(join(root, 'shop'))).toBe(false);
  });

  it('creates the files `new` writes with the same options, and then shows the folder as the project update works on', async () => {
    const values = { ...starterValues, projectName: 'made-here', ignore: ['node_modules/', 'dist/'] };
    const r = await call(server, 'POST', '/api/create', { body: { source: 'starter', target: 'made', values } });
    expect(r.status).toBe(200);
    expect(r.json().written.length).toBeGreaterThan(0);
    const byCli = join(outside, 'made');
    const n = await cli('new', 'starter', byCli, '--no-input', '--set', 'projectName=made-here', '--set', 'description=A demo project.', '--set', 'license=MIT', '--set', 'ignore=node_modules/,dist/');
    expect(n.code, n.stderr).toBe(0);
    const ours = snapshotTree(join(root, 'made'));
    expect(ours).toEqual(snapshotTree(byCli));

    // The folder now holds a project: the page previews what update would do with a changed option.
    const t = (await call(server, 'GET', '/api/target?path=made')).json();
    expect(t.project.id).toBe('starter');
    expect(t.project.values.projectName).toBe('made-here');
    writeFileSync(join(root, 'made', 'README.md'), `${ours['README.md']}\nMy own notes.\n`);
    const p: Preview = (await call(server, 'POST', '/api/preview', { body: { source: 'starter', target: 'made', values: { ...t.project.values, description: 'Another description.' } } })).json();
    expect(p.mode).toBe('update');
    expect(p.command).toEqual({ line: "catalyst-gen update made --no-input --set 'description=Another description.'" });
    const readme = p.files!.find((f) => f.path === 'README.md')!;
    expect(['merge', 'conflict', 'keep']).toContain(readme.action);
    // Another blueprint cannot be made over it.
    const other = await call(server, 'POST', '/api/preview', { body: { source: 'three-tier-web', target: 'made', values: {} } });
    expect(other.status).toBe(400);
    expect(other.json().error).toMatch(/made with blueprint "starter"/);
  });

  it('shows a file of the folder that the render would overwrite as a conflict, refuses to create over it, and overwrites it when told to (--force)', async () => {
    mkdirSync(join(root, 'taken'));
    writeFileSync(join(root, 'taken', 'README.md'), 'Mine.\n');
    const body = { source: 'starter', target: 'taken', values: starterValues };
    const p: Preview = (await call(server, 'POST', '/api/preview', { body })).json();
    const readme = p.files!.find((f) => f.path === 'README.md')!;
    expect(readme.action).toBe('conflict');
    // The change --force would make, as --dry-run prints it.
    const dry = await cli('new', 'starter', join(root, 'taken'), '--no-input', '--dry-run', '--set', 'projectName=demo', '--set', 'description=A demo project.', '--set', 'license=MIT', '--set', 'ignore=node_modules/');
    expect(readme.diff).toMatch(/^--- a\/README.md\n\+\+\+ b\/README.md\n@@ -1,1 \+1,\d+ @@\n-Mine.\n/);
    expect(dry.stdout).toContain(readme.diff);
    const refused = await call(server, 'POST', '/api/create', { body });
    expect(refused.status).toBe(409);
    expect(refused.json().error).toMatch(/^Nothing was written: 1 file\(s\) would overwrite changes:\n  README.md/);
    expect(snapshotTree(join(root, 'taken'))).toEqual({ 'README.md': 'Mine.\n' });
    const forced = await call(server, 'POST', '/api/create', { body: { ...body, force: true } });
    expect(forced.status).toBe(200);
    expect(forced.json().written).toContain('README.md');
  });

  it('loads a blueprint from a path in the folder, and shows the findings of what it renders with the workflow it draws', async () => {
    writeFiles(join(root, 'blueprints'), {
      'wf.ts': `import { defineBlueprint } from 'catalyst-gen';
export default defineBlueprint<{ branch: string }>({
  id: 'wf',
  displayName: 'One workflow',
  description: 'A workflow written as text, with a trigger spelled as the service accepts but not as it documents.',
  version: '1.0.0',
  options: { type: 'object', additionalProperties: false, required: ['branch'], properties: { branch: { type: 'string', description: 'Branch.' } } },
  defaults: { branch: 'main' },
  render: (o) => ({
    files: [
      {
        type: 'text',
        fileKind: 'workflow',
        path: '.codecatalyst/workflows/build.yaml',
        content: 'Name: build\\nSchemaVersion: "1.0"\\nTriggers:\\n  - Type: Push\\n    Branches:\\n      - ' + o.branch + '\\nActions:\\n  Build:\\n    Identifier: aws/build@v1\\n    Inputs:\\n      Sources:\\n        - WorkflowSource\\n    Configuration:\\n      Steps:\\n        - Run: make\\n',
      },
    ],
  }),
});
`,
    });
    const bp = await call(server, 'GET', '/api/blueprint?source=./blueprints/wf.ts');
    expect(bp.status, bp.body).toBe(200);
    expect(bp.json()).toMatchObject({ id: 'wf', source: './blueprints/wf.ts', values: { branch: 'main' } });
    for (const branch of ['main', 'release', 'main']) {
      const p: Preview = (await call(server, 'POST', '/api/preview', { body: { source: './blueprints/wf.ts', target: 'wf', values: { branch } } })).json();
      expect(p.error).toBeUndefined();
      const file = p.files!.find((f) => f.path === '.codecatalyst/workflows/build.yaml')!;
      expect(file.content).toContain(`- ${branch}\n`);
      // The same findings validate gives for that file, whichever preview computed them.
      expect(p.diagnostics).toEqual(validateText(file.content, file.path, 'workflow'));
      expect(p.diagnostics!.map((d) => d.severity)).toContain('warning');
      expect(p.workflows![0]!.graph.nodes.map((n) => n.name)).toEqual(['Build']);
      expect(p.command!.line).toBe(branch === 'main' ? 'catalyst-gen new ./blueprints/wf.ts wf --no-input' : `catalyst-gen new ./blueprints/wf.ts wf --no-input --set branch=${branch}`);
    }
  });

  it('writes an update that warns it can lose data only when the page confirms it (--yes)', async () => {
    const bp = (await call(server, 'GET', '/api/blueprint?source=multi-account-control')).json();
    expect((await call(server, 'POST', '/api/create', { body: { source: 'multi-account-control', target: 'mac-project', values: bp.values } })).status).toBe(200);
    const renamed = { ...bp.values, controlName: 'renamed-control' };
    const body = { source: 'multi-account-control', target: 'mac-project', values: renamed };
    const p: Preview = (await call(server, 'POST', '/api/preview', { body })).json();
    expect(p.mode).toBe('update');
    expect(p.warnings!.length).toBeGreaterThan(0);
    const before = snapshotTree(join(root, 'mac-project'));
    const refused = await call(server, 'POST', '/api/create', { body });
    expect(refused.status).toBe(400);
    expect(refused.json().error).toMatch(/^This update can lose data; nothing was written/);
    expect(snapshotTree(join(root, 'mac-project'))).toEqual(before);
    const confirmed = await call(server, 'POST', '/api/create', { body: { ...body, yes: true } });
    expect(confirmed.status).toBe(200);
    expect(snapshotTree(join(root, 'mac-project'))).not.toEqual(before);
  });

  it('previews the update of a project made with a Lambda runtime AWS has since retired, as update does: a warning while it is kept, an error when chosen', async () => {
    const bp = (await call(server, 'GET', '/api/blueprint?source=three-tier-web')).json();
    expect((await call(server, 'POST', '/api/create', { body: { source: 'three-tier-web', target: 'old-runtime', values: bp.values } })).status).toBe(200);
    // The project's manifest as an older catalyst-gen wrote it, when python3.10 could still be chosen.
    const manifestPath = join(root, 'old-runtime', '.catalyst-gen', 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, options: { ...manifest.options, pythonRuntime: 'python3.10' } }, null, 2) + '\n');
    const t = (await call(server, 'GET', '/api/target?path=old-runtime')).json();
    expect(t.project.values.pythonRuntime).toBe('python3.10');
    const kept: Preview = (await call(server, 'POST', '/api/preview', { body: { source: 'three-tier-web', target: 'old-runtime', values: t.project.values } })).json();
    expect(kept.findings.find((f) => f.code === 'OPTION-RUNTIME-RETIRED')?.severity).toBe('warning');
    expect(kept.files).toBeDefined();
    // In a new project, the same runtime is refused, as new --set refuses it.
    const chosen: Preview = (await call(server, 'POST', '/api/preview', { body: { source: 'three-tier-web', target: 'new-old-runtime', values: { ...bp.values, pythonRuntime: 'python3.10' } } })).json();
    expect(chosen.findings.find((f) => f.code === 'OPTION-RUNTIME-RETIRED')?.severity).toBe('error');
    expect(chosen.files).toBeUndefined();
  });

  it('refuses to create with invalid options, writing nothing', async () => {
    const r = await call(server, 'POST', '/api/create', { body: { source: 'starter', target: 'invalid', values: { ...starterValues, license: 'WTFPL-9' } } });
    expect(r.status).toBe(422);
    expect(existsSync(join(root, 'invalid'))).toBe(false);
  });

  it('keeps the page and its script free of anything fetched from elsewhere', async () => {
    const page = await call(server, 'GET', `/?token=${server.token}`, { token: false });
    const script = await call(server, 'GET', '/app.js');
    expect(script.status).toBe(200);
    expect(page.body).not.toMatch(/https?:\/\//);
    expect(script.body).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });
});

describe('catalyst-gen ui: stopping', () => {
  it('stops when the page says done', async () => {
    const root = realpathSync(tempDir('cg-ui-done-'));
    mkdirSync(join(root, 'x'));
    const server = await startPreviewServer(new PreviewSession(root, { cwd: root, env: {}, log: () => {} }));
    const r = await call(server, 'POST', '/api/done', { body: {} });
    expect(r.status).toBe(200);
    await server.closed;
    await expect(call(server, 'GET', '/api/catalogue')).rejects.toThrow(/ECONNREFUSED/);
  });
});
