import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * A loopback CodeCatalyst: the REST-JSON routes of the operations catalyst-gen calls (paths, methods and shapes
 * from the SDK's model), with bearer-token auth, and the source repositories it creates served over git's smart
 * HTTP by the real `git http-backend`, so a push is a real push. Workflows are read from what was pushed
 * (`.codecatalyst/workflows/*.yaml` on each branch), as CodeCatalyst does. Runs and Dev Environments move one
 * status further at each read, ending as the test says.
 */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly authorization?: string;
  readonly body: unknown;
}

interface Run {
  readonly id: string;
  readonly workflowId: string;
  readonly workflowName: string;
  step: number;
  readonly outcome: RunOutcome;
  readonly startTime: string;
}

export interface RunOutcome {
  readonly status: 'SUCCEEDED' | 'FAILED' | 'STOPPED' | 'CANCELLED';
  readonly reasons?: readonly string[];
}

export class FakeCodeCatalyst {
  readonly requests: RecordedRequest[] = [];
  private server?: Server;
  url = '';
  /** space -> project -> repositories */
  private readonly projects = new Map<string, Map<string, Set<string>>>();
  private readonly runs = new Map<string, Run>();
  private readonly devenvs = new Map<string, { step: number; body: Record<string, unknown> }>();
  /** How the next runs end, by workflow name. @default SUCCEEDED */
  outcomes = new Map<string, RunOutcome>();
  /** Answer every call with 401, as CodeCatalyst does for an expired session. */
  refuseSession = false;

  constructor(
    private readonly root: string,
    private readonly token: string,
    readonly identity = 'dev@example.com',
  ) {
    mkdirSync(join(root, 'git'), { recursive: true });
  }

  /** A project that exists before the test runs, with repositories (and a branch with one file in each). */
  seed(space: string, project: string, repositories: readonly string[] = [], withBranch = false): void {
    this.ensureProject(space, project);
    for (const r of repositories) {
      this.createRepository(space, project, r);
      if (withBranch) {
        const work = join(this.root, `seed-${r}`);
        const git = (...args: string[]) => spawnSync('git', args, { cwd: work, env: gitEnv(this.root) });
        mkdirSync(work, { recursive: true });
        git('init', '-q', '-b', 'main');
        git('commit', '-q', '--allow-empty', '-m', 'someone else');
        git('push', '-q', this.repoDir(space, project, r), 'main');
      }
    }
  }

  repoDir(space: string, project: string, repository: string): string {
    return join(this.root, 'git', space, project, `${repository}.git`);
  }

  hasProject(space: string, project: string): boolean {
    return this.projects.get(space)?.has(project) ?? false;
  }

  private ensureProject(space: string, project: string): void {
    if (!this.projects.has(space)) this.projects.set(space, new Map());
    if (!this.projects.get(space)!.has(project)) this.projects.get(space)!.set(project, new Set());
  }

  private createRepository(space: string, project: string, repository: string): void {
    const dir = this.repoDir(space, project, repository);
    mkdirSync(dir, { recursive: true });
    spawnSync('git', ['init', '-q', '--bare', '-b', 'main', dir]);
    spawnSync('git', ['config', 'http.receivepack', 'true'], { cwd: dir });
    this.projects.get(space)!.get(project)!.add(repository);
  }

  /** Branches of a repository, as git for-each-ref gives them. */
  branches(space: string, project: string, repository: string): { name: string; commit: string }[] {
    const r = spawnSync('git', ['for-each-ref', '--format=%(refname:short) %(objectname)', 'refs/heads'], { cwd: this.repoDir(space, project, repository), encoding: 'utf8' });
    return r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => ({ name: l.split(' ')[0]!, commit: l.split(' ')[1]! }));
  }

  /** Files on a branch of a repository. */
  files(space: string, project: string, repository: string, branch = 'main'): string[] {
    const r = spawnSync('git', ['ls-tree', '-r', '--name-only', branch], { cwd: this.repoDir(space, project, repository), encoding: 'utf8' });
    return r.stdout.split('\n').filter(Boolean);
  }

  private workflows(space: string, project: string) {
    const out: Record<string, unknown>[] = [];
    for (const repo of [...(this.projects.get(space)?.get(project) ?? [])].sort()) {
      const dir = this.repoDir(space, project, repo);
      for (const b of this.branches(space, project, repo)) {
        for (const path of this.files(space, project, repo, b.name).filter((f) => /^\.codecatalyst\/workflows\/[^/]+\.ya?ml$/.test(f))) {
          const text = spawnSync('git', ['show', `${b.name}:${path}`], { cwd: dir, encoding: 'utf8' }).stdout;
          let name: unknown;
          try {
            name = (parse(text) as { Name?: unknown })?.Name;
          } catch {
            name = undefined;
          }
          out.push({
            id: createHash('sha256').update(`${repo}/${b.name}/${path}`).digest('hex').slice(0, 36),
            name: typeof name === 'string' ? name : path,
            sourceRepositoryName: repo,
            sourceBranchName: b.name,
            definition: { path },
            createdTime: '2026-12-01T10:00:00Z',
            lastUpdatedTime: '2026-12-01T10:00:00Z',
            runMode: 'QUEUED',
            status: typeof name === 'string' ? 'ACTIVE' : 'INVALID',
          });
        }
      }
    }
    return out;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const u = new URL(req.url ?? '/', 'http://127.0.0.1');
        if (u.pathname.startsWith('/git/')) return this.git(req, res, u, Buffer.concat(chunks));
        const text = Buffer.concat(chunks).toString('utf8');
        const body = text ? (JSON.parse(text) as unknown) : undefined;
        this.requests.push({ method: req.method ?? '', path: u.pathname, query: u.searchParams, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}), body });
        if (this.refuseSession || req.headers.authorization !== `Bearer ${this.token}`) return error(res, 401, 'AccessDeniedException', 'Unauthorized');
        try {
          const [status, out] = this.route(req.method ?? '', decodeURIComponent(u.pathname), u.searchParams, (body ?? {}) as Record<string, unknown>);
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(out));
        } catch (e) {
          const [status, type, message] = e as [number, string, string];
          error(res, status, type, message);
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private route(method: string, path: string, query: URLSearchParams, body: Record<string, unknown>): [number, unknown] {
    const notFound = (what: string): never => {
      throw [404, 'ResourceNotFoundException', `${what} not found`];
    };
    if (method === 'GET' && path === '/session') return [200, { identity: this.identity }];
    let m = /^\/v1\/spaces\/([^/]+)\/projects$/.exec(path);
    if (m && method === 'PUT') {
      const [, space] = m;
      const name = String(body['displayName']);
      if (this.hasProject(space!, name)) throw [409, 'ConflictException', `project ${name} exists`];
      this.ensureProject(space!, name);
      return [200, { spaceName: space, name, displayName: name, description: body['description'] }];
    }
    m = /^\/v1\/spaces\/([^/]+)\/projects\/([^/]+)$/.exec(path);
    if (m && method === 'GET') {
      if (!this.hasProject(m[1]!, m[2]!)) notFound(`project ${m[2]}`);
      return [200, { spaceName: m[1], name: m[2], displayName: m[2] }];
    }
    m = /^\/v1\/spaces\/([^/]+)\/projects\/([^/]+)\/(.*)$/.exec(path);
    if (!m) notFound(path);
    const [, space, project, rest] = m as unknown as [string, string, string, string];
    if (!this.hasProject(space, project)) notFound(`project ${project}`);
    const repos = this.projects.get(space)!.get(project)!;
    let r = /^sourceRepositories\/([^/]+)$/.exec(rest);
    if (r && method === 'GET') {
      if (!repos.has(r[1]!)) notFound(`source repository ${r[1]}`);
      return [200, { spaceName: space, projectName: project, name: r[1], lastUpdatedTime: '2026-12-01T10:00:00Z', createdTime: '2026-12-01T10:00:00Z' }];
    }
    if (r && method === 'PUT') {
      if (repos.has(r[1]!)) throw [409, 'ConflictException', `source repository ${r[1]} exists`];
      this.createRepository(space, project, r[1]!);
      return [200, { spaceName: space, projectName: project, name: r[1], description: body['description'] }];
    }
    r = /^sourceRepositories\/([^/]+)\/branches$/.exec(rest);
    if (r && method === 'POST') {
      if (!repos.has(r[1]!)) notFound(`source repository ${r[1]}`);
      return [200, { items: this.branches(space, project, r[1]!).map((b) => ({ ref: `refs/heads/${b.name}`, name: b.name, lastUpdatedTime: '2026-12-01T10:00:00Z', headCommitId: b.commit })) }];
    }
    r = /^sourceRepositories\/([^/]+)\/cloneUrls$/.exec(rest);
    if (r && method === 'GET') return [200, { https: `${this.url}/git/${space}/${project}/${r[1]}.git` }];
    if (rest === 'workflows' && method === 'POST') return [200, { items: this.workflows(space, project) }];
    if (rest === 'workflowRuns' && method === 'PUT') {
      const wf = this.workflows(space, project).find((w) => w['id'] === query.get('workflowId')) ?? notFound(`workflow ${query.get('workflowId')}`);
      const id = `run-${this.runs.size + 1}`;
      const name = String(wf['name']);
      this.runs.set(id, { id, workflowId: String(wf['id']), workflowName: name, step: 0, outcome: this.outcomes.get(name) ?? { status: 'SUCCEEDED' }, startTime: '2026-12-04T12:00:00Z' });
      return [200, { spaceName: space, projectName: project, id, workflowId: wf['id'] }];
    }
    if (rest === 'workflowRuns' && method === 'POST') {
      const runs = [...this.runs.values()].filter((x) => x.workflowId === query.get('workflowId')).reverse();
      return [200, { items: runs.slice(0, Number(query.get('maxResults') ?? 50)).map((x) => this.runShape(x)) }];
    }
    r = /^workflowRuns\/([^/]+)$/.exec(rest);
    if (r && method === 'GET') {
      const run = this.runs.get(r[1]!) ?? notFound(`workflow run ${r[1]}`);
      run.step++;
      return [200, { spaceName: space, projectName: project, ...this.runShape(run) }];
    }
    if (rest === 'devEnvironments' && method === 'PUT') {
      const id = `devenv-${this.devenvs.size + 1}`;
      this.devenvs.set(id, { step: 0, body });
      return [200, { spaceName: space, projectName: project, id }];
    }
    r = /^devEnvironments\/([^/]+)$/.exec(rest);
    if (r && method === 'GET') {
      const d = this.devenvs.get(r[1]!) ?? notFound(`Dev Environment ${r[1]}`);
      d.step++;
      return [
        200,
        {
          spaceName: space,
          projectName: project,
          id: r[1],
          lastUpdatedTime: '2026-12-04T12:00:00Z',
          creatorId: 'user-1',
          status: (['PENDING', 'STARTING', 'RUNNING'] as const)[Math.min(d.step - 1, 2)],
          repositories: d.body['repositories'],
          instanceType: d.body['instanceType'],
          inactivityTimeoutMinutes: d.body['inactivityTimeoutMinutes'],
          persistentStorage: d.body['persistentStorage'],
          ides: d.body['ides'],
        },
      ];
    }
    return notFound(`${method} ${path}`);
  }

  /** A run moves PROVISIONING -> IN_PROGRESS -> its outcome as it is read. */
  private runShape(run: Run): Record<string, unknown> {
    const status = run.step <= 1 ? 'PROVISIONING' : run.step === 2 ? 'IN_PROGRESS' : run.outcome.status;
    const ended = status === run.outcome.status;
    return {
      id: run.id,
      workflowId: run.workflowId,
      workflowName: run.workflowName,
      status,
      statusReasons: ended ? (run.outcome.reasons ?? []) : [],
      startTime: run.startTime,
      ...(ended ? { endTime: '2026-12-04T12:03:00Z' } : {}),
      lastUpdatedTime: '2026-12-04T12:03:00Z',
    };
  }

  /** git's smart HTTP protocol, by the real `git http-backend` (CGI). */
  private git(req: IncomingMessage, res: ServerResponse, u: URL, body: Buffer): void {
    const child = spawn('git', ['http-backend'], {
      env: {
        ...gitEnv(this.root),
        GIT_PROJECT_ROOT: join(this.root, 'git'),
        GIT_HTTP_EXPORT_ALL: '1',
        REMOTE_USER: 'tester',
        PATH_INFO: u.pathname.slice('/git'.length),
        QUERY_STRING: u.search.slice(1),
        REQUEST_METHOD: req.method ?? 'GET',
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        CONTENT_LENGTH: String(body.length),
        ...(req.headers['content-encoding'] ? { HTTP_CONTENT_ENCODING: String(req.headers['content-encoding']) } : {}),
        ...(req.headers['git-protocol'] ? { GIT_PROTOCOL: String(req.headers['git-protocol']) } : {}),
      },
    });
    const out: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stdin.end(body);
    child.on('close', () => {
      const all = Buffer.concat(out);
      const split = all.indexOf('\r\n\r\n');
      const head = all.subarray(0, split).toString('utf8');
      const headers: Record<string, string> = {};
      let status = 200;
      for (const line of head.split('\r\n')) {
        const i = line.indexOf(':');
        const k = line.slice(0, i).trim();
        const v = line.slice(i + 1).trim();
        if (k.toLowerCase() === 'status') status = Number(v.split(' ')[0]);
        else headers[k] = v;
      }
      res.writeHead(status, headers);
      res.end(all.subarray(split + 4));
    });
  }
}

function error(res: ServerResponse, status: number, type: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazonaws.codecatalyst/` });
  res.end(JSON.stringify({ message }));
}

/** git for the fake's own work: no user or system configuration, an identity of its own. */
function gitEnv(root: string): NodeJS.ProcessEnv {
  return { PATH: process.env['PATH'], HOME: root, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Fake', GIT_AUTHOR_EMAIL: 'fake@example.com', GIT_COMMITTER_NAME: 'Fake', GIT_COMMITTER_EMAIL: 'fake@example.com' };
}
