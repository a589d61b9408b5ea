import { describe, expect, it } from 'vitest';
import { homeWipeFindings, renderDevfile, serializeYaml, validateDevfile, validateText } from '../../src/index.js';

const codes = (text: string, profile: 'codecatalyst' | 'generic' = 'codecatalyst') => validateDevfile(text, 'devfile.yaml', { devfileProfile: profile }).map((d) => d.code);
const lines = (...l: string[]) => l.join('\n') + '\n';

const BASE = [
  'schemaVersion: 2.0.0',
  'metadata:',
  '  name: app',
  'components:',
  '  - name: main',
  '    container:',
  '      image: public.ecr.aws/aws-mde/universal-image:4.0',
  '      mountSources: true',
];

describe('devfile validator: schema layer', () => {
  it('an unquoted boolean env value is a type error on its line, with the fix to quote it', () => {
    const text = lines(...BASE, '      env:', '        - name: IS_LOCAL', '          value: true');
    const [d, ...rest] = validateDevfile(text);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'DEVFILE-SCHEMA-TYPE', file: 'devfile.yaml', line: 11, col: 18, pointer: '/components/0/container/env/0/value' });
    expect(d!.fix).toMatch(/quotes/);
  });

  it('a component with no type gets one message naming the choices', () => {
    const text = lines(...BASE, '  - name: dockerstore');
    expect(validateDevfile(text).map((d) => [d.code, d.line, d.message])).toEqual([
      ['DEVFILE-SCHEMA-ONEOF', 9, expect.stringMatching(/exactly one of "container", "kubernetes", "openshift", "volume", "plugin"/)],
    ]);
  });

  it('an uppercase command id is a pattern error that says ids are lowercase', () => {
    const text = lines(...BASE, 'commands:', '  - id: RunTests', '    exec: { component: main, commandLine: pytest }');
    const d = validateDevfile(text);
    expect(d.map((x) => [x.code, x.line])).toEqual([['DEVFILE-SCHEMA-PATTERN', 10]]);
    expect(d[0]!.message).toMatch(/lowercase/);
  });

  it('a typo in a key gets a did-you-mean', () => {
    const d = validateDevfile(lines(...BASE, '      mountSource: false'));
    expect(d[0]).toMatchObject({ code: 'DEVFILE-SCHEMA-ADDITIONALPROPERTIES', line: 9, col: 7, fix: 'Did you mean "mountSources"?' });
  });

  it('2.2.x devfiles use the 2.2 schema (image components, deploy groups) and fail the CodeCatalyst profile only', () => {
    const text = lines(
      'schemaVersion: 2.2.2',
      'metadata: { name: app }',
      'components:',
      '  - name: main',
      '    container: { image: "public.ecr.aws/aws-mde/universal-image:4.0", cpuLimit: "2" }',
      '  - name: img',
      '    image: { imageName: app, dockerfile: { uri: Dockerfile } }',
    );
    expect(codes(text, 'generic')).toEqual([]);
    expect(codes(text)).toEqual(['DEVFILE-CC-SCHEMA-VERSION', 'DEVFILE-CC-CONTAINER-PROPERTY', 'DEVFILE-CC-COMPONENT-TYPE']);
  });

  it('an unknown schemaVersion is reported on its line', () => {
    expect(validateDevfile('schemaVersion: 9.0.0\n').map((d) => [d.code, d.line])).toEqual([['DEVFILE-SCHEMA-VERSION', 1]]);
  });

  it.each([
    ['a list', '- a\n- b\n'],
    ['a scalar', 'hello\n'],
  ])('a devfile that is %s is one error at 1:1', (_what, text) => {
    expect(validateDevfile(text).map((d) => [d.code, d.line, d.col])).toEqual([['DEVFILE-SCHEMA-TYPE', 1, 1]]);
  });

  it('malformed YAML and duplicate keys are reported with their line before any rule runs', () => {
    expect(validateDevfile('schemaVersion: 2.0.0\ncomponents: [\n').map((d) => d.code)).toEqual(['YAML-SYNTAX']);
    expect(validateDevfile(lines(...BASE, 'metadata:', '  name: other')).map((d) => [d.code, d.line])).toEqual([['YAML-DUPLICATE-KEY', 9]]);
  });
});

describe('devfile validator: specification rules', () => {
  const cases: [string, string[], string[]][] = [
    ['duplicate component name', ['  - name: main', '    volume: {}'], ['DEVFILE-DUPLICATE-COMPONENT']],
    ['command naming a missing component', ['commands:', '  - id: a', '    exec: { component: nope, commandLine: x }'], ['DEVFILE-COMMAND-COMPONENT']],
    ['exec command naming a volume', ['  - name: vol', '    volume: {}', 'commands:', '  - id: a', '    exec: { component: vol, commandLine: x }'], ['DEVFILE-COMMAND-COMPONENT']],
    ['duplicate command id', ['commands:', '  - id: a', '    exec: { component: main, commandLine: x }', '  - id: a', '    exec: { component: main, commandLine: z }'], ['DEVFILE-DUPLICATE-COMMAND']],
    ['composite naming itself', ['commands:', '  - id: all', '    composite: { commands: [all] }'], ['DEVFILE-COMPOSITE-SELF']],
    ['composite cycle', ['commands:', '  - id: a', '    composite: { commands: [b] }', '  - id: b', '    composite: { commands: [a] }'], ['DEVFILE-COMPOSITE-CYCLE', 'DEVFILE-COMPOSITE-CYCLE']],
    ['composite naming a missing command', ['commands:', '  - id: a', '    composite: { commands: [ghost] }'], ['DEVFILE-COMPOSITE-MISSING']],
    ['event naming a missing command', ['events: { postStart: [ghost] }'], ['DEVFILE-EVENT-COMMAND']],
    ['postStart naming an apply command', ['commands:', '  - id: a', '    apply: { component: main }', 'events: { postStart: [a] }'], ['DEVFILE-EVENT-KIND']],
    ['volume mount without a volume', ['      volumeMounts: [{ name: cache, path: /c }]'], ['DEVFILE-VOLUME-MOUNT']],
    ['reserved env name', ['      env: [{ name: PROJECTS_ROOT, value: /p }]'], ['DEVFILE-ENV-RESERVED']],
    ['bad memory quantity', ['      memoryLimit: 2GB'], ['DEVFILE-QUANTITY']],
    ['bad volume size', ['  - name: vol', '    volume: { size: lots }'], ['DEVFILE-QUANTITY']],
    [
      'duplicate endpoint names and ports across containers',
      ['      endpoints: [{ name: web, targetPort: 3000 }]', '  - name: other', '    container: { image: "public.ecr.aws/docker/library/redis:7", mountSources: false, endpoints: [{ name: web, targetPort: 3000 }] }'],
      ['DEVFILE-ENDPOINT-NAME', 'DEVFILE-ENDPOINT-PORT'],
    ],
    ['same port twice in one container is fine', ['      endpoints: [{ name: a, targetPort: 3000 }, { name: b, targetPort: 3000 }]'], []],
    ['project checkout remote not among remotes', ['projects:', '  - name: p', '    git: { remotes: { origin: "https://x/y.git" }, checkoutFrom: { remote: upstream } }'], ['DEVFILE-GIT-REMOTE']],
    ['project with two remotes and no checkoutFrom', ['projects:', '  - name: p', '    git: { remotes: { a: "https://x/a.git", b: "https://x/b.git" } }'], ['DEVFILE-GIT-REMOTE']],
  ];
  it.each(cases)('%s', (_name, extra, expected) => {
    const found = validateDevfile(lines(...BASE, ...extra), 'devfile.yaml', { devfileProfile: 'generic' });
    expect(found.map((d) => d.code).sort()).toEqual([...expected].sort());
    for (const d of found) expect(d.line).toBeGreaterThan(0);
  });

  it('dependent projects (devfile 2.2.2) get the git remote rules of projects', () => {
    // dependentProjects arrived in 2.2.2: the 2.2.0 schema does not have them (see versions.test.ts).
    const v22 = (git: string) => lines('schemaVersion: 2.2.2', ...BASE.slice(1), 'dependentProjects:', '  - name: lib', `    git: ${git}`);
    const found = (git: string) => validateDevfile(v22(git), 'devfile.yaml', { devfileProfile: 'generic' });
    expect(found('{ remotes: { origin: "https://x/lib.git" } }')).toEqual([]);
    const two = found('{ remotes: { a: "https://x/a.git", b: "https://x/b.git" } }');
    expect(two.map((d) => [d.code, d.pointer, d.line])).toEqual([['DEVFILE-GIT-REMOTE', '/dependentProjects/0/git/remotes', BASE.length + 3]]);
    expect(two[0]!.message).toContain('dependent project "lib"');
    expect(found('{ remotes: { origin: "https://x/lib.git" }, checkoutFrom: { remote: upstream } }').map((d) => d.code)).toEqual(['DEVFILE-GIT-REMOTE']);
  });

  it('two commands of one group kind without a default is a warning, two defaults an error', () => {
    const group = (d1: boolean, d2: boolean) =>
      lines(...BASE, 'commands:', `  - id: a`, `    exec: { component: main, commandLine: x, group: { kind: build, isDefault: ${d1} } }`, `  - id: b`, `    exec: { component: main, commandLine: z, group: { kind: build, isDefault: ${d2} } }`);
    expect(validateDevfile(group(false, false), 'd', { devfileProfile: 'generic' }).map((d) => [d.code, d.severity])).toEqual([['DEVFILE-GROUP-NO-DEFAULT', 'warning']]);
    expect(validateDevfile(group(true, true), 'd', { devfileProfile: 'generic' }).map((d) => [d.code, d.severity])).toEqual([['DEVFILE-GROUP-DEFAULTS', 'error']]);
  });
});

describe('devfile validator: layers together', () => {
  it('a devfile v1 gets one message that says to convert it, not the 2.x schema errors', () => {
    const v1 = lines('apiVersion: 1.0.0', 'metadata:', '  name: petclinic', 'components:', '  - type: dockerimage', '    alias: maven', '    image: maven:3', '    mountSources: yes', 'commands:', '  - name: build', '    actions:', '      - type: exec', '        component: maven', '        command: mvn package');
    for (const profile of ['generic', 'codecatalyst'] as const) {
      const d = validateDevfile(v1, 'devfile.yaml', { devfileProfile: profile });
      expect(d.map((x) => `${x.line} ${x.severity} ${x.code}`)).toEqual(['1 error DEVFILE-V1']);
      expect(d[0]!.message).toMatch(/^devfile v1 is not supported; convert it to 2\.x/);
      expect(d[0]!.fix).toMatch(/schemaVersion: 2\.0\.0/);
    }
  });

  it('the specification rules still run beside a schema error, and skip the part the schema rejected', () => {
    // Component "tools" has an unknown key: a command running in it is not reported, one naming a missing component is.
    const text = lines('schemaVersion: 2.1.0', 'components:', '  - name: tools', '    container:', '      image: x:1', '      bogus: 1', 'commands:', '  - id: run', '    exec: { component: tools, commandLine: make }', '  - id: two', '    exec: { component: ghost, commandLine: make }');
    expect(validateDevfile(text, 'devfile.yaml', { devfileProfile: 'generic' }).map((d) => `${d.line} ${d.severity} ${d.code}`)).toEqual([
      '6 error DEVFILE-SCHEMA-ADDITIONALPROPERTIES',
      '11 error DEVFILE-COMMAND-COMPONENT',
    ]);
  });

  it('a rule inside a rejected part says nothing more there (no second message for one fault)', () => {
    const text = lines(...BASE, '      memoryLimit: 2GB', '      memoryLimt: 1Gi');
    expect(codes(text, 'generic')).toEqual(['DEVFILE-SCHEMA-ADDITIONALPROPERTIES']);
  });
});

describe('devfile validator: CodeCatalyst profile', () => {
  it('flags what CodeCatalyst does not run; generic does not', () => {
    const text = lines(
      ...BASE,
      '      endpoints: [{ name: web, targetPort: 3000 }]',
      '  - name: k8s',
      '    kubernetes: { uri: "https://example.com/deploy.yaml" }',
      'commands:',
      '  - id: deploy',
      '    apply: { component: k8s }',
      '  - id: build',
      '    exec: { component: main, commandLine: make, group: { kind: build } }',
      'events: { preStart: [deploy] }',
    );
    expect(codes(text, 'generic')).toEqual([]);
    const found = validateDevfile(text).map((d) => [d.code, d.severity]);
    expect(found).toEqual([
      ['DEVFILE-CC-CONTAINER-PROPERTY', 'warning'],
      ['DEVFILE-CC-COMPONENT-TYPE', 'error'],
      ['DEVFILE-CC-COMMAND-TYPE', 'error'],
      ['DEVFILE-CC-COMMAND-PROPERTY', 'warning'],
      ['DEVFILE-CC-EVENT', 'error'],
    ]);
  });

  it.each([
    ['111122223333.dkr.ecr.us-west-2.amazonaws.com/app:1', 'warning'],
    ['public.ecr.aws/aws-mde/universal-image:latest', 'warning'],
    ['public.ecr.aws/aws-mde/universal-image', 'warning'],
    ['localhost:5000/app:1', 'error'],
  ])('image %s is a %s', (image, severity) => {
    const text = lines(...BASE.map((l) => l.replace('public.ecr.aws/aws-mde/universal-image:4.0', image)));
    expect(validateDevfile(text).map((d) => [d.code, d.severity])).toEqual([['DEVFILE-CC-IMAGE', severity]]);
  });

  it('a sidecar that does not set mountSources gets a note', () => {
    const text = lines(...BASE, '  - name: db', '    container: { image: "public.ecr.aws/docker/library/redis:7" }');
    expect(validateDevfile(text).map((d) => [d.code, d.severity])).toEqual([['DEVFILE-CC-MOUNT-SOURCES', 'info']]);
  });

  it('renaming metadata.name or the main component warns that /home is wiped; other edits do not', () => {
    const before = renderDevfile();
    expect(homeWipeFindings(before, renderDevfile({ sidecars: [] , commands: [{ id: 'x', commandLine: 'y' }] }))).toEqual([]);
    const renamed = renderDevfile({ metadata: { name: 'my-env' }, main: { name: 'runtime' } });
    expect(homeWipeFindings(before, renamed).map((f) => [f.code, f.pointer])).toEqual([
      ['DEVFILE-CC-HOME-WIPE', '/metadata/name'],
      ['DEVFILE-CC-HOME-WIPE', '/components/0/name'],
    ]);
    const text = serializeYaml(renamed);
    const diags = validateDevfile(text, 'devfile.yaml', { previous: before });
    expect(diags.map((d) => [d.code, d.line])).toEqual([
      ['DEVFILE-CC-HOME-WIPE', 3],
      ['DEVFILE-CC-HOME-WIPE', 6],
    ]);
  });

  it('validateText routes devfiles to the devfile validator and honours the profile', () => {
    const text = lines('schemaVersion: 2.2.0', 'metadata: { name: a }');
    expect(validateText(text, 'devfile.yaml', 'devfile').map((d) => d.code)).toEqual(['DEVFILE-CC-SCHEMA-VERSION']);
    expect(validateText(text, 'devfile.yaml', 'devfile', { devfileProfile: 'generic' })).toEqual([]);
  });
});
