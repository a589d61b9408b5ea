import { describe, expect, it } from 'vitest';
import { check, codes, errorsOf, officialErrors } from './helpers.js';
import YAML from 'yaml';

/** A valid base workflow; tests splice faults into it. */
const lines = (...l: string[]) => l.join('\n') + '\n';
const HEADER = ['Name: demo', 'SchemaVersion: "1.0"', 'Actions:'];

function only(text: string, code: string) {
  const d = check(text);
  const hits = d.filter((x) => x.code === code);
  expect(hits, JSON.stringify(d, null, 1)).toHaveLength(1);
  return { hit: hits[0]!, all: d };
}

describe('bad input: a clear message with the line and the fix', () => {
  it('malformed YAML', () => {
    const d = check(lines(...HEADER, '  Build:', '    Identifier: [aws/build@v1', '  Other: 1'));
    expect(errorsOf(d)[0]).toMatchObject({ code: 'YAML-SYNTAX', severity: 'error' });
    expect(errorsOf(d)[0]!.line).toBeGreaterThanOrEqual(5);
  });

  it('a workflow that is not a mapping', () => {
    const { hit } = only(lines('- Name: demo', '- Actions: {}'), 'WF-NOT-MAPPING');
    expect(hit).toMatchObject({ line: 1, col: 1 });
    expect(hit.message).toContain('a list');
    expect(hit.fix).toContain('Name');
  });

  it('an unknown top-level key, with did-you-mean', () => {
    const { hit, all } = only(lines('Name: demo', 'SchemaVersion: "1.0"', 'Trigers: []', 'Actions: {}'), 'WF-SCHEMA-ADDITIONALPROPERTIES');
    expect(hit).toMatchObject({ line: 3, col: 1 });
    expect(hit.fix).toContain('"Triggers"');
    expect(errorsOf(all)).toHaveLength(1);
  });

  it('a cycle, printed', () => {
    const text = lines(
      ...HEADER,
      '  A:',
      '    Identifier: aws/build@v1',
      '    DependsOn: [C]',
      '    Configuration: {Steps: [{Run: a}]}',
      '  B:',
      '    Identifier: aws/build@v1',
      '    DependsOn: [A]',
      '    Configuration: {Steps: [{Run: b}]}',
      '  C:',
      '    Identifier: aws/build@v1',
      '    DependsOn: [B]',
      '    Configuration: {Steps: [{Run: c}]}',
    );
    const { hit } = only(text, 'WF-DEPENDS-CYCLE');
    expect(hit.message).toContain('A -> C -> B -> A');
    expect(hit).toMatchObject({ line: 6, col: 17, pointer: '/Actions/A/DependsOn/0' });
    expect(hit.fix).toMatch(/break the cycle/);
    // The official schema accepts the cycle: this is what the project adds.
    expect(officialErrors(YAML.parse(text))).toEqual([]);
  });

  it('a cycle through a group (a member waiting for its own group)', () => {
    const text = lines(...HEADER, '  G:', '    Actions:', '      M:', '        Identifier: aws/build@v1', '        DependsOn: [G]', '        Configuration: {Steps: [{Run: m}]}');
    expect(only(text, 'WF-DEPENDS-CYCLE').hit.message).toMatch(/M -> G -> M|G -> M -> G/);
  });

  it('a missing DependsOn target, with did-you-mean', () => {
    const text = lines(...HEADER, '  Build:', '    Identifier: aws/build@v1', '    Configuration: {Steps: [{Run: make}]}', '  Deploy:', '    Identifier: aws/build@v1', '    DependsOn:', '      - Biuld', '    Configuration: {Steps: [{Run: make}]}');
    const { hit, all } = only(text, 'WF-DEPENDS-MISSING');
    expect(hit).toMatchObject({ line: 10, col: 9 });
    expect(hit.message).toContain('"Biuld"');
    expect(hit.fix).toBe('Did you mean "Build"?');
    expect(errorsOf(all)).toHaveLength(1);
  });

  it('an action name with spaces', () => {
    const { hit, all } = only(lines(...HEADER, '  "Deploy Prod":', '    Identifier: aws/build@v1', '    Configuration: {Steps: [{Run: make}]}'), 'WF-NAME-INVALID');
    expect(hit).toMatchObject({ line: 4, col: 3 });
    expect(hit.fix).toContain('"Deploy_Prod"');
    expect(errorsOf(all)).toHaveLength(1);
  });

  const deploy = (...env: string[]) =>
    lines(...HEADER, '  Deploy:', '    Identifier: aws/cdk-deploy@v1', '    Environment:', '      Name: prod', ...env, '    Configuration:', '      StackName: app');

  it('an Environment with two connections', () => {
    const { hit, all } = only(deploy('      Connections:', '        - Name: acct-a', '          Role: RoleA', '        - Name: acct-b', '          Role: RoleB'), 'WF-ENV-CONNECTIONS');
    expect(hit).toMatchObject({ line: 11, col: 11 });
    expect(hit.message).toContain('2 connections');
    expect(hit.fix).toContain('its own action');
    expect(errorsOf(all)).toHaveLength(1);
  });

  it('a blank connection name', () => {
    const { hit } = only(deploy('      Connections:', '        - Name: " "', '          Role: DeployRole'), 'WF-CONNECTION-BLANK');
    expect(hit).toMatchObject({ line: 9, col: 17 });
    expect(hit.fix).toContain('account');
  });

  it('a connection name that is a ${placeholder}, and a role ARN', () => {
    const d = check(deploy('      Connections:', '        - Name: ${account_connection}', '          Role: arn:aws:iam::111122223333:role/Deploy'));
    expect(d.find((x) => x.code === 'WF-CONNECTION-PLACEHOLDER')).toMatchObject({ line: 9, col: 17 });
    expect(d.find((x) => x.code === 'WF-ROLE-ARN')).toMatchObject({ line: 10, col: 17, fix: 'Write Role: Deploy.' });
  });

  it('a typo in a deploy action configuration (the official schema lets it through)', () => {
    const text = lines(...HEADER, '  Deploy:', '    Identifier: aws/cdk-deploy@v1', '    Environment: {Name: prod}', '    Configuration:', '      StakName: app', '      Region: eu-west-1');
    const d = errorsOf(check(text));
    const typo = d.find((x) => x.code === 'WF-SCHEMA-ADDITIONALPROPERTIES')!;
    expect(typo).toMatchObject({ line: 8, col: 7, fix: 'Did you mean "StackName"?' });
    // One mistake, one message: the "missing StackName" the typo implies is folded into the did-you-mean.
    expect(d.map((x) => x.code)).toEqual(['WF-SCHEMA-ADDITIONALPROPERTIES']);
    expect(officialErrors(YAML.parse(text))).toEqual([]);
  });

  it('an approval gate asking for more approvals than the service allows (1 or 2)', () => {
    const gate = (n: number) => lines(...HEADER, '  Approve:', '    Identifier: aws/approval@v1', '    Configuration:', `      ApprovalsRequired: ${n}`);
    expect(only(gate(3), 'WF-SCHEMA-MAXIMUM').hit).toMatchObject({ line: 7, col: 26 });
    expect(only(gate(0), 'WF-SCHEMA-MINIMUM').hit).toMatchObject({ line: 7 });
    expect(errorsOf(check(gate(2)))).toEqual([]);
  });

  it('does not check the configuration of an unknown third-party action', () => {
    expect(check(lines(...HEADER, '  Scan:', '    Identifier: sonar/sonarcloud-scan@v1.0.7', '    Configuration:', '      AnythingGoes: {nested: [1, 2]}'))).toEqual([]);
  });
});

describe('semantic rules', () => {
  const build = (name: string, ...extra: string[]) => [`  ${name}:`, '    Identifier: aws/build@v1', ...extra, '    Configuration: {Steps: [{Run: make}]}'];

  it('action names are unique across groups', () => {
    const text = lines(...HEADER, ...build('Build'), '  G:', '    Actions:', ...build('Build').map((l) => '    ' + l));
    expect(only(text, 'WF-NAME-DUPLICATE').hit).toMatchObject({ line: 9, col: 7 });
  });

  it('gates are not inside groups; groups do not nest', () => {
    const gate = lines(...HEADER, '  G:', '    Actions:', '      Approve:', '        Identifier: aws/approval@v1', '        Configuration: {ApprovalsRequired: 1}');
    expect(only(gate, 'WF-GATE-IN-GROUP').hit).toMatchObject({ line: 6, col: 7 });
    const nested = lines(...HEADER, '  G:', '    Actions:', '      Inner:', '        Actions:', ...build('X').map((l) => '      ' + l));
    const { hit } = only(nested, 'WF-SCHEMA-NOT');
    expect(hit.message).toContain('cannot be nested');
  });

  it('a gate runs before or after actions, not beside them (warning)', () => {
    const gate = (name: string, ...dependsOn: string[]) => [`  ${name}:`, '    Identifier: aws/approval@v1', ...(dependsOn.length ? [`    DependsOn: [${dependsOn.join(', ')}]`] : []), '    Configuration: {ApprovalsRequired: 1}'];
    // Build and Approve both start with the run; Deploy waits for the approval.
    const beside = lines(...HEADER, ...build('Build'), ...gate('Approve'), ...build('Deploy', '    DependsOn: [Approve]'));
    const { hit, all } = only(beside, 'WF-GATE-PARALLEL');
    expect(hit).toMatchObject({ severity: 'warning', line: 7, col: 3 });
    expect(hit.message).toBe('The approval gate "Approve" would wait at the same time as "Build" runs; CodeCatalyst runs a gate only before or after actions, not beside them.');
    expect(hit.fix).toBe('Order them with DependsOn: make "Build" depend on "Approve", or "Approve" on "Build".');
    expect(errorsOf(all)).toEqual([]);
    // In a chain, or first of all (before the first action), a gate is fine; so is a group ordered with it.
    expect(codes(check(lines(...HEADER, ...build('Build'), ...gate('Approve', 'Build'), ...build('Deploy', '    DependsOn: [Approve]'))))).not.toContain('WF-GATE-PARALLEL');
    expect(codes(check(lines(...HEADER, ...gate('Approve'), ...build('Build', '    DependsOn: [Approve]'), ...build('Deploy', '    DependsOn: [Build]'))))).not.toContain('WF-GATE-PARALLEL');
    const group = ['  G:', '    DependsOn: [Approve]', '    Actions:', ...build('A').map((l) => '    ' + l), ...build('B').map((l) => '    ' + l)];
    expect(codes(check(lines(...HEADER, ...gate('Approve'), ...group)))).not.toContain('WF-GATE-PARALLEL');
    // A group beside the gate is named as a group, not by its actions.
    const groupBeside = ['  G:', '    Actions:', ...build('A').map((l) => '    ' + l)];
    expect(only(lines(...HEADER, ...gate('Approve'), ...groupBeside), 'WF-GATE-PARALLEL').hit.message).toContain('at the same time as "G" runs');
  });

  it('deploy actions need an Environment', () => {
    expect(only(lines(...HEADER, '  Deploy:', '    Identifier: aws/cdk-deploy@v2', '    Configuration: {StackName: app}'), 'WF-ENV-MISSING').hit).toMatchObject({ line: 4, col: 3 });
  });

  it('consumed artifacts are produced (error) and upstream (warning)', () => {
    const text = lines(
      ...HEADER,
      ...build('Build', '    Outputs: {Artifacts: [{Name: site, Files: ["**/*"]}]}'),
      ...build('Use', '    DependsOn: [Build]', '    Inputs: {Artifacts: [sit]}'),
      ...build('Late', '    Inputs: {Artifacts: [site]}'),
    );
    const d = check(text);
    expect(d.find((x) => x.code === 'WF-ARTIFACT-UNKNOWN')).toMatchObject({ severity: 'error', fix: 'Did you mean "site"?', line: 11 });
    expect(d.find((x) => x.code === 'WF-ARTIFACT-NOT-UPSTREAM')).toMatchObject({ severity: 'warning', fix: 'Add "Build" to DependsOn.', line: 15 });
  });

  it('${Action.VAR} names an action that exports VAR', () => {
    const text = lines(
      ...HEADER,
      ...build('Build', '    Outputs: {Variables: [VERSION]}'),
      '  Use:',
      '    Identifier: aws/build@v1',
      '    DependsOn: [Build]',
      '    Configuration:',
      '      Steps:',
      '        - Run: echo ${Build.VERSON} ${Nope.X} ${Build.VERSION} ${WorkflowSource.CommitId} ${Secrets.TOKEN}',
    );
    const d = errorsOf(check(text));
    expect(d.map((x) => x.code).sort()).toEqual(['WF-VAR-NOT-EXPORTED', 'WF-VAR-UNKNOWN-ACTION']);
    expect(d.find((x) => x.code === 'WF-VAR-NOT-EXPORTED')).toMatchObject({ line: 13, fix: 'Did you mean "VERSION"?' });
  });

  it('workflow Compute excludes action Compute; caching only with EC2; at most 5 secrets', () => {
    const both = lines('Name: demo', 'SchemaVersion: "1.0"', 'Compute: {Type: EC2}', 'Actions:', ...build('A', '    Compute: {Type: EC2}'));
    expect(only(both, 'WF-COMPUTE-BOTH').hit).toMatchObject({ line: 7, col: 5 });
    const cache = lines(...HEADER, ...build('A', '    Compute: {Type: LAMBDA}', '    Caching: {FileCaching: {npm: {Path: /root/.npm}}}'));
    expect(only(cache, 'WF-CACHE-LAMBDA').hit).toMatchObject({ line: 7, col: 5 });
    const secrets = lines(...HEADER, '  A:', '    Identifier: aws/build@v1', '    Configuration:', '      Steps:', ...['A', 'B', 'C', 'D', 'E', 'F'].map((s) => `        - Run: echo \${Secrets.${s}}`));
    expect(only(secrets, 'WF-SECRETS-LIMIT').hit.message).toContain('6 secrets');
  });

  it('warns about -beta/-gamma identifiers', () => {
    const { hit } = only(lines(...HEADER, '  A:', '    Identifier: aws/cdk-deploy-gamma@v1', '    Environment: {Name: dev}', '    Configuration: {StackName: app}'), 'WF-IDENTIFIER-PRERELEASE');
    expect(hit).toMatchObject({ severity: 'warning', line: 5, fix: 'Use aws/cdk-deploy@v1.' });
  });

  it('MANUAL is not a trigger type (one message, with the fix)', () => {
    const { hit, all } = only(lines('Name: demo', 'SchemaVersion: "1.0"', 'Triggers:', '  - Type: MANUAL', 'Actions: {}'), 'WF-TRIGGER-MANUAL');
    expect(hit).toMatchObject({ line: 4, col: 11 });
    expect(errorsOf(all)).toHaveLength(1);
  });
});

describe('lenient reading of what the service accepts', () => {
  it('accepts console casing, boolean SharedInstance, Lambda casing and map forms, each with a warning naming the canonical form', () => {
    const text = lines(
      'Name: demo',
      'SchemaVersion: 1.0',
      'Triggers:',
      '  - Type: PullRequest',
      '    Events: [open, revision]',
      'Compute: {Type: ec2, SharedInstance: true}',
      'Actions:',
      '  Build:',
      '    Identifier: aws/build@v1',
      '    Inputs: {Variables: {STAGE: dev}}',
      '    Outputs: {Artifacts: {site: {Files: ["**/*"]}}}',
      '    Configuration: {Steps: [{Run: make}]}',
    );
    const d = check(text);
    expect(errorsOf(d)).toEqual([]);
    const byCode = Object.fromEntries(d.map((x) => [x.code + '@' + x.line, x]));
    expect(byCode['WF-LENIENT-SCHEMA-VERSION@2']!.fix).toContain('"1.0"');
    expect(byCode['WF-LENIENT-TRIGGER-TYPE@4']!.fix).toBe('Write Type: PULLREQUEST.');
    expect(byCode['WF-LENIENT-EVENT@5']!.fix).toBe('Write Events: [OPEN, REVISION].');
    expect(byCode['WF-LENIENT-COMPUTE-TYPE@6']!.fix).toBe('Write Type: EC2.');
    expect(byCode['WF-LENIENT-SHARED-INSTANCE@6']!.fix).toBe('Write SharedInstance: TRUE.');
    expect(codes(d).filter((c) => c === 'WF-LENIENT-MAP-FORM')).toHaveLength(2);
    expect(d.every((x) => x.severity === 'warning')).toBe(true);
  });
});
