import { serializeYaml } from '../src/render/serialize.js';
import { seeded, type Random } from './random.js';

/** One generated file: its parsed value, its YAML text, and whether the generator broke it on purpose. */
export interface CorpusFile {
  readonly name: string;
  readonly value: Record<string, unknown>;
  readonly text: string;
  readonly broken: string | undefined;
}

const RUNTIMES = ['node', 'python', 'java', 'go'] as const;
const BRANCHES = ['main', 'develop', 'release-.*', 'feature-.*'];
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
const FLEETS = ['Linux.x86-64.Large', 'Linux.x86-64.XLarge', 'Linux.Arm64.Large'];

function steps(r: Random, runtime: (typeof RUNTIMES)[number]): { Run: string }[] {
  const lines: Record<typeof runtime, string[]> = {
    node: ['npm ci', 'npm run lint', 'npm test -- --ci', 'npm run build', 'npx cdk synth'],
    python: ['pip install -r requirements.txt', 'python -m pytest -q', 'ruff check .', 'python -m build'],
    java: ['mvn -B -q verify', 'mvn -B package -DskipTests', './gradlew build'],
    go: ['go vet ./...', 'go test ./...', 'go build -o bin/app ./cmd/app'],
  };
  const n = r.int(1, 4);
  return Array.from({ length: n }, (_, i) => ({ Run: lines[runtime][(i + r.int(0, 3)) % lines[runtime].length]! }));
}

function buildAction(r: Random, i: number, deps: string[]): Record<string, unknown> {
  const runtime = r.pick(RUNTIMES);
  const test = r.chance(0.3);
  const action: Record<string, unknown> = {
    Identifier: test ? 'aws/managed-test@v1' : 'aws/build@v1',
    ...(deps.length > 0 ? { DependsOn: deps } : {}),
    Inputs: { Sources: ['WorkflowSource'], ...(r.chance(0.3) ? { Variables: [{ Name: 'STAGE', Value: r.pick(['dev', 'test', 'prod']) }] } : {}) },
    ...(r.chance(0.3) ? { Timeout: r.int(5, 120) } : {}),
    Configuration: { Steps: steps(r, runtime) },
    Outputs: {
      Artifacts: [{ Name: `out_${i}`, Files: ['**/*'] }],
      ...(test ? { Reports: { [`Unit${i}`]: { Format: 'JUNITXML', IncludePaths: ['reports/*.xml'] } } } : {}),
      ...(r.chance(0.2) ? { Variables: ['VERSION'] } : {}),
    },
  };
  if (r.chance(0.3)) action['Caching'] = { FileCaching: { [`${runtime}Cache`]: { Path: `/root/.${runtime}`, RestoreKeys: [`${runtime}-`] } } };
  return action;
}

function deployAction(r: Random, i: number, deps: string[], artifacts: string[]): Record<string, unknown> {
  const region = r.pick(REGIONS);
  const stage = r.pick(['dev', 'test', 'prod']);
  return {
    Identifier: r.pick(['aws/cdk-deploy@v1', 'aws/cdk-deploy@v2']),
    ...(deps.length > 0 ? { DependsOn: deps } : {}),
    Environment: { Name: stage, Connections: [{ Name: `${stage}-account`, Role: `CodeCatalystDeploy${i}` }] },
    Inputs: artifacts.length > 0 ? { Artifacts: [artifacts[0]!] } : { Sources: ['WorkflowSource'] },
    Configuration: { StackName: `App${stage}Stack${i}`, Region: region },
  };
}

/** A valid, canonical workflow with `actions` actions (chains, fan-out, approvals, a group now and then). */
function workflow(r: Random, index: number, actions: number): Record<string, unknown> {
  const acts: Record<string, unknown> = {};
  const names: string[] = [];
  const artifacts: string[] = [];
  let i = 0;
  while (i < actions) {
    const prev = names.length > 0 ? [names[names.length - 1]!] : [];
    const deps = names.length > 1 && r.chance(0.3) ? [names[r.int(0, names.length - 2)]!, ...prev] : prev;
    const kind = i === 0 ? 'build' : r.pick(['build', 'build', 'deploy', 'approval', 'group']);
    if (kind === 'build') {
      const name = `Build${i}`;
      acts[name] = buildAction(r, i, deps);
      artifacts.push(`out_${i}`);
      names.push(name);
      i += 1;
    } else if (kind === 'deploy') {
      const name = `Deploy${i}`;
      acts[name] = deployAction(r, i, deps, artifacts);
      names.push(name);
      i += 1;
    } else if (kind === 'approval') {
      const name = `Approve${i}`;
      acts[name] = { Identifier: 'aws/approval@v1', DependsOn: prev, Configuration: { ApprovalsRequired: r.int(1, 2) } };
      names.push(name);
      i += 1;
    } else {
      const name = `Group${i}`;
      const members: Record<string, unknown> = {};
      const size = Math.min(r.int(2, 3), actions - i);
      for (let k = 0; k < size; k++) members[`${name}Deploy${k}`] = deployAction(r, i + k, [], artifacts);
      acts[name] = { ...(prev.length > 0 ? { DependsOn: prev } : {}), Actions: members };
      names.push(name);
      i += size;
    }
  }
  const triggers: unknown[] = [{ Type: 'PUSH', Branches: [r.pick(BRANCHES)] }];
  if (r.chance(0.5)) triggers.push({ Type: 'PULLREQUEST', Events: ['OPEN', 'REVISION'], Branches: ['main'] });
  return {
    Name: `workflow-${String(index).padStart(4, '0')}`,
    SchemaVersion: '1.0',
    RunMode: r.pick(['QUEUED', 'SUPERSEDED', 'PARALLEL']),
    ...(r.chance(0.4) ? { Compute: { Type: 'EC2', Fleet: r.pick(FLEETS) } } : {}),
    Triggers: triggers,
    Actions: acts,
  };
}

type Breaker = (w: Record<string, unknown>, r: Random) => void;

function firstBuild(w: Record<string, unknown>): Record<string, unknown> {
  return (w['Actions'] as Record<string, Record<string, unknown>>)['Build0']!;
}

/** Mistakes people make; each leaves the rest of the file as it was. */
const BREAKERS: Record<string, Breaker> = {
  'unknown key (typo)': (w) => {
    const b = firstBuild(w);
    b['Identifer'] = b['Identifier'];
    delete b['Identifier'];
  },
  'DependsOn names a missing action': (w) => {
    firstBuild(w)['DependsOn'] = ['DoesNotExist'];
  },
  'lowercase RunMode': (w) => {
    w['RunMode'] = 'queued';
  },
  'Timeout over 480': (w) => {
    firstBuild(w)['Timeout'] = 481;
  },
  'artifact name with a hyphen': (w) => {
    ((firstBuild(w)['Outputs'] as Record<string, unknown>)['Artifacts'] as { Name: string }[])[0]!.Name = 'out-bad';
  },
  'number as variable value': (w) => {
    (firstBuild(w)['Inputs'] as Record<string, unknown>)['Variables'] = [{ Name: 'PORT', Value: 8080 }];
  },
  'dependency cycle': (w) => {
    const names = Object.keys(w['Actions'] as object);
    firstBuild(w)['DependsOn'] = [names[names.length - 1]!];
  },
  'missing Actions': (w) => {
    delete w['Actions'];
  },
};

/**
 * `count` workflows of 3 to 12 actions; `brokenShare` of them carry one mistake (named in `broken`).
 * Deterministic: the same seed gives the same bytes.
 */
export function workflowCorpus(count: number, seed: number, brokenShare = 0.2): CorpusFile[] {
  const r = seeded(seed);
  const breakers = Object.entries(BREAKERS);
  const out: CorpusFile[] = [];
  for (let n = 0; n < count; n++) {
    const value = workflow(r, n, r.int(3, 12));
    let broken: string | undefined;
    if (r.chance(brokenShare)) {
      const [what, breakIt] = r.pick(breakers);
      breakIt(value, r);
      broken = what;
    }
    out.push({ name: `wf-${String(n).padStart(4, '0')}.yaml`, value, text: serializeYaml(value), broken });
  }
  return out;
}

/** A devfile 2.0.0 as CodeCatalyst runs them: the universal image, a volume or two, commands and events. */
function devfile(r: Random, index: number): Record<string, unknown> {
  const runtime = r.pick(RUNTIMES);
  const components: Record<string, unknown>[] = [
    {
      name: 'aws-runtime',
      container: {
        image: 'public.ecr.aws/aws-mde/universal-image:4.0',
        mountSources: true,
        ...(r.chance(0.5) ? { memoryLimit: r.pick(['2Gi', '4Gi', '8Gi']) } : {}),
        ...(r.chance(0.5) ? { env: [{ name: 'STAGE', value: r.pick(['dev', 'test']) }, { name: 'RUNTIME', value: runtime }] } : {}),
        ...(r.chance(0.4) ? { endpoints: [{ name: `web${index % 10}`, targetPort: r.pick([3000, 8080, 8000]) }] } : {}),
        volumeMounts: [{ name: 'docker-store', path: '/var/lib/docker' }],
      },
    },
    { name: 'docker-store', volume: { size: '16Gi' } },
  ];
  const commands: Record<string, unknown>[] = [
    { id: 'install', exec: { component: 'aws-runtime', commandLine: r.pick(['npm ci', 'pip install -r requirements.txt', 'mvn -q install', 'go mod download']), workingDir: '${PROJECT_SOURCE}' } },
  ];
  if (r.chance(0.5)) commands.push({ id: 'test', exec: { component: 'aws-runtime', commandLine: 'make test', group: { kind: 'test', isDefault: true } } });
  return {
    schemaVersion: '2.0.0',
    metadata: { name: `project-${index}` },
    components,
    commands,
    events: { postStart: ['install'] },
  };
}

const DEVFILE_BREAKERS: Record<string, Breaker> = {
  'container without image': (d) => {
    delete ((d['components'] as Record<string, Record<string, unknown>>[])[0]!['container'] as Record<string, unknown>)['image'];
  },
  'command names a missing component': (d) => {
    ((d['commands'] as Record<string, Record<string, unknown>>[])[0]!['exec'] as Record<string, unknown>)['component'] = 'runtime';
  },
  'uppercase component name': (d) => {
    (d['components'] as Record<string, unknown>[])[1]!['name'] = 'Docker_Store';
  },
  'unknown key': (d) => {
    d['component'] = [];
  },
};

/** `count` devfiles, `brokenShare` of them with one mistake. Deterministic by seed. */
export function devfileCorpus(count: number, seed: number, brokenShare = 0.2): CorpusFile[] {
  const r = seeded(seed);
  const breakers = Object.entries(DEVFILE_BREAKERS);
  const out: CorpusFile[] = [];
  for (let n = 0; n < count; n++) {
    const value = devfile(r, n);
    let broken: string | undefined;
    if (r.chance(brokenShare)) {
      const [what, breakIt] = r.pick(breakers);
      breakIt(value, r);
      broken = what;
    }
    out.push({ name: `devfile-${String(n).padStart(4, '0')}.yaml`, value, text: serializeYaml(value), broken });
  }
  return out;
}
