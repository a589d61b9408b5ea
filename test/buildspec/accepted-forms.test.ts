import { describe, expect, it } from 'vitest';
import { validateText } from '../../src/validate/file.js';

// Forms CodeBuild runs though its reference writes them otherwise: each is a warning naming the canonical
// form, never an error; and what CodeBuild rejects stays an error beside them.
const check = (text: string, options = {}) => validateText(text, 'buildspec.yml', 'buildspec', options);
const codes = (text: string, options = {}) => check(text, options).map((d) => `${d.line}:${d.col} ${d.severity} ${d.code}`);
const lines = (...l: string[]) => l.join('\n') + '\n';

describe('buildspec forms CodeBuild accepts', () => {
  it('a batch-only buildspec needs no phases when every build names its buildspec', () => {
    const text = lines('version: 0.2', 'batch:', '  fast-fail: false', '  build-list:', '    - identifier: unit', '      buildspec: ci/unit.yml', '    - identifier: lint', '      buildspec: ci/lint.yml');
    expect(codes(text)).toEqual([]);
  });

  it('a batch build that runs this file without phases is a warning; no phases and no batch is still an error', () => {
    const text = lines('version: 0.2', 'batch:', '  build-list:', '    - identifier: unit', '    - identifier: lint', '      buildspec: ci/lint.yml');
    expect(codes(text)).toEqual(['4:7 warning BUILDSPEC-BATCH-NO-PHASES']);
    expect(codes(lines('version: 0.2', 'env:', '  variables:', '    A: b'))).toEqual(['1:1 error BUILDSPEC-SCHEMA-REQUIRED']);
  });

  it('one string where the reference writes a list: files (the CodePipeline ECS tutorial), commands, cache paths', () => {
    const text = lines('version: 0.2', 'phases:', '  build:', '    commands: make all', 'artifacts:', '  files: imagedefinitions.json', 'cache:', '  paths: /root/.m2/**/*');
    const d = check(text);
    expect(d.map((x) => `${x.line}:${x.col} ${x.severity} ${x.code}`)).toEqual(['4:15 warning BUILDSPEC-SCALAR-LIST', '6:10 warning BUILDSPEC-SCALAR-LIST', '8:10 warning BUILDSPEC-SCALAR-LIST']);
    expect(d[1]!.message).toContain('artifacts.files is one string');
    expect(d[1]!.fix).toContain('- imagedefinitions.json');
  });

  it('version 0.1 is a warning that says what changes in 0.2', () => {
    const [d, ...rest] = check(lines('version: 0.1', 'phases:', '  build:', '    commands:', '      - cd app', '      - make'));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'BUILDSPEC-VERSION-0-1', severity: 'warning', line: 1 });
    expect(d!.message).toMatch(/shell of its own.*0\.2 runs all the commands of a build in one shell/);
    expect(d!.fix).toMatch(/version: 0\.2/);
  });

  it('the string "0.2" is a warning, and an error in a buildspec that defines a batch (the batch parser rejects it)', () => {
    expect(codes(lines('version: "0.2"', 'phases:', '  build:', '    commands: [make]'))).toEqual(['1:10 warning BUILDSPEC-VERSION-STRING']);
    expect(codes(lines('version: "0.2"', 'batch:', '  build-list:', '    - identifier: a', '      buildspec: a.yml'))).toEqual(['1:10 error BUILDSPEC-VERSION-STRING']);
  });

  it('an empty phase (commands commented out) and a "- # comment" item are warnings', () => {
    const text = lines('version: 0.2', 'phases:', '  install:', '    commands:', '      # - pip install -r requirements.txt', '  build:', '    commands:', '      - make', '      - # make docs');
    expect(codes(text)).toEqual(['4:5 warning BUILDSPEC-EMPTY-COMMANDS', '9:9 warning BUILDSPEC-EMPTY-COMMAND']);
  });

  it('a "- # comment" item in another list (artifacts.files) is a warning too', () => {
    const text = lines('version: 0.2', 'phases:', '  build:', '    commands: [make]', 'artifacts:', '  files:', '    - out/**/*', '    - # docs/**/*', '    - dist: out');
    // The items after the empty one keep their place: a mapping item (CodeBuild refuses it) is reported at its own line.
    expect(codes(text)).toEqual(['8:7 warning BUILDSPEC-EMPTY-ITEM', '9:7 error BUILDSPEC-SCHEMA-TYPE']);
  });

  it('a section left empty by comments (runtime-versions, env.variables) is a warning', () => {
    const text = lines('version: 0.2', 'env:', '  variables:', '    # A: b', 'phases:', '  install:', '    runtime-versions:', '      # nodejs: 20', '    commands: [npm ci]');
    expect(codes(text)).toEqual(['3:3 warning BUILDSPEC-EMPTY-SECTION', '7:5 warning BUILDSPEC-EMPTY-SECTION']);
  });

  it('artifacts.type (Chalice writes type: zip) is ignored by CodeBuild: a warning; other unknown keys stay errors', () => {
    const text = lines('version: 0.1', 'phases:', '  build:', '    commands: [chalice package /tmp/packaged]', 'artifacts:', '  type: zip', '  files:', '    - transformed.yaml');
    expect(codes(text)).toEqual(['1:10 warning BUILDSPEC-VERSION-0-1', '6:3 warning BUILDSPEC-IGNORED-KEY']);
    // CodeBuild ignoring discard_paths would keep the paths the author meant to discard.
    expect(codes(lines('version: 0.2', 'phases:', '  build:', '    commands: [make]', 'artifacts:', '  files: ["**/*"]', '  discard_paths: yes'))).toEqual(['7:3 error BUILDSPEC-SCHEMA-ADDITIONALPROPERTIES']);
  });

  it('yes/no written as YAML 1.1 booleans (Yes, ON) is a warning with the canonical spelling', () => {
    const d = check(lines('version: 0.2', 'phases:', '  build:', '    commands: [make]', 'artifacts:', '  files: ["**/*"]', '  discard-paths: Yes'));
    expect(d.map((x) => [x.code, x.severity, x.line])).toEqual([['BUILDSPEC-YES-NO', 'warning', 7]]);
    expect(d[0]!.fix).toBe('Write discard-paths: yes.');
  });
});

describe('buildspec errors CodeBuild rejects, beside the accepted forms', () => {
  it('GitHub Actions steps pasted into a phase: an error that says so, and the empty phase a warning', () => {
    const d = check(lines('version: 0.2', 'phases:', '  build:', '    steps:', '      - uses: actions/checkout@v4', '      - run: make'));
    expect(d.map((x) => `${x.line}:${x.col} ${x.severity} ${x.code}`)).toEqual(['3:3 warning BUILDSPEC-EMPTY-COMMANDS', '4:5 error BUILDSPEC-SCHEMA-ADDITIONALPROPERTIES']);
    expect(d[1]!.message).toMatch(/GitHub Actions syntax/);
  });

  it('artifacts with only secondary-artifacts (the reference\'s multiple-outputs sample); with neither, an error', () => {
    const text = lines('version: 0.2', 'phases:', '  build:', '    commands: [make]', 'artifacts:', '  secondary-artifacts:', '    artifact1:', '      base-directory: $CODEBUILD_SRC_DIR', '      files:', '        - source1_file');
    expect(codes(text)).toEqual([]);
    expect(codes(lines('version: 0.2', 'phases:', '  build:', '    commands: [make]', 'artifacts:', '  name: out'))).toEqual(['6:3 error BUILDSPEC-SCHEMA-REQUIRED']);
  });

  it('a batch build may choose a reserved capacity fleet (batch build buildspec reference: env.fleet)', () => {
    expect(codes(lines('version: 0.2', 'batch:', '  build-graph:', '    - identifier: arm', '      env:', '        fleet: my-arm-fleet', '        compute-type: BUILD_GENERAL1_LARGE', 'phases:', '  build:', '    commands: [make]'))).toEqual([]);
  });

  it('a hyphen in a batch identifier is an error (CodeBuild: "must contain only alphanumeric characters and underscores")', () => {
    expect(codes(lines('version: 0.2', 'batch:', '  build-list:', '    - identifier: e2e-tests', '      buildspec: e2e.yml'))).toEqual(['4:19 error BUILDSPEC-SCHEMA-PATTERN']);
  });

  it('image under a batch build\'s env.variables is a variable, not the image: a warning with where it belongs', () => {
    const text = lines('version: 0.2', 'batch:', '  build-list:', '    - identifier: e2e', '      env:', '        variables:', '          image: public.ecr.aws/cypress-io/cypress/browsers:node14', 'phases:', '  build:', '    commands: [npx cypress run]');
    const d = check(text);
    expect(d.map((x) => `${x.line}:${x.col} ${x.severity} ${x.code}`)).toEqual(['7:11 warning BUILDSPEC-ENV-IMAGE-VARIABLE']);
    expect(d[0]!.fix).toContain('env: { image: "public.ecr.aws/cypress-io/cypress/browsers:node14" }');
    // At the top level a CodeBuild image id in a variable chooses nothing either; other image names are ordinary variables.
    expect(codes(lines('version: 0.2', 'env:', '  variables:', '    BUILD_IMAGE: aws/codebuild/standard:7.0', '    IMAGE_REPO: my/app', 'phases:', '  build:', '    commands: [make]'))).toEqual([
      '4:5 warning BUILDSPEC-ENV-IMAGE-VARIABLE',
    ]);
  });
});
