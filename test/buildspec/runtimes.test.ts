import { describe, expect, it } from 'vitest';
import { validateText } from '../../src/validate/file.js';
import { IMAGES } from '../../src/validate/buildspec/runtime-table.js';
import { ALL_RUNTIMES, imageRuntimes } from '../../src/validate/buildspec/runtimes.js';

// Runtime versions are checked against one table of every image family (runtime-table.ts). Errors only where
// the image is known and selects runtimes by the documented rules (Ubuntu, Amazon Linux, ARM) and CodeBuild
// can neither find nor install the version; anything else CodeBuild runs is a warning or a note.
const check = (text: string, options = {}) => validateText(text, 'buildspec.yml', 'buildspec', options);
const codes = (text: string, options = {}) => check(text, options).map((d) => `${d.line}:${d.col} ${d.severity} ${d.code}`);
const withRuntimes = (...rt: string[]) => ['version: 0.2', 'phases:', '  install:', '    runtime-versions:', ...rt.map((r) => `      ${r}`), '  build:', '    commands: [make]', ''].join('\n');
const image = (buildImage: string) => ({ buildImage });

describe('the runtime table', () => {
  it('names each image id once, and every family has a current image', () => {
    const ids = IMAGES.flatMap((i) => i.ids);
    expect(new Set(ids).size).toBe(ids.length);
    for (const family of ['standard', 'amazonlinux', 'arm', 'windows', 'lambda']) expect(IMAGES.some((i) => i.family === family && i.current), family).toBe(true);
  });

  it('an image is found by any of its ids (the amazonlinux2- aliases too)', () => {
    expect(imageRuntimes('aws/codebuild/amazonlinux2-x86_64-standard:5.0')).toBe(imageRuntimes('aws/codebuild/amazonlinux-x86_64-standard:5.0'));
    expect(imageRuntimes('aws/codebuild/amazonlinux-aarch64-lambda-standard:python3.12')?.runtimes).toEqual({ python: ['3.12'] });
    expect(imageRuntimes('aws/codebuild/standard:4.0')).toBeUndefined();
  });

  it('without an image, the runtimes of every current family count (powershell is on Windows images only)', () => {
    expect(ALL_RUNTIMES['powershell']).toContain('7.4');
    expect(codes(withRuntimes('powershell: 7.4', 'nodejs: 22'))).toEqual([]);
  });
});

describe('runtime versions by image family', () => {
  it('Windows: powershell of the version the image has passes; another version is a warning (selection there is not documented)', () => {
    expect(codes(withRuntimes('powershell: 7.4', 'dotnet: "8.0"'), image('aws/codebuild/windows-base:2019-3.0'))).toEqual([]);
    expect(codes(withRuntimes('powershell: 7.2'), image('aws/codebuild/windows-base:2019-2.0'))).toEqual([]);
    const d = check(withRuntimes('powershell: 7.2'), image('aws/codebuild/windows-base:2019-3.0'));
    expect(d.map((x) => `${x.line}:${x.col} ${x.severity} ${x.code}`)).toEqual(['5:19 warning BUILDSPEC-RUNTIME-VERSION']);
    expect(d[0]!.message).toContain('available: 7.4');
  });

  it('Ubuntu and Amazon Linux: a version neither pre-installed nor installable is an error; an installable one a warning', () => {
    expect(codes(withRuntimes('ruby: 2.6'), image('aws/codebuild/standard:7.0'))).toEqual(['5:13 error BUILDSPEC-RUNTIME-VERSION']);
    const d = check(withRuntimes('nodejs: 16'), image('aws/codebuild/amazonlinux-x86_64-standard:5.0'));
    expect(d.map((x) => `${x.severity} ${x.code}`)).toEqual(['warning BUILDSPEC-RUNTIME-VERSION']);
    expect(d[0]!.message).toMatch(/downloads and installs it at build time/);
  });

  it('ARM images have docker; the x86 Ubuntu image does not', () => {
    expect(codes(withRuntimes('docker: 23'), image('aws/codebuild/amazonlinux-aarch64-standard:3.0'))).toEqual([]);
    expect(codes(withRuntimes('docker: 23'), image('aws/codebuild/standard:7.0'))).toEqual(['5:7 error BUILDSPEC-RUNTIME-UNKNOWN']);
  });

  it('Lambda compute selects nothing: its own runtime passes, anything else is a warning naming the image to choose', () => {
    const lambda = image('aws/codebuild/amazonlinux-x86_64-lambda-standard:nodejs20');
    expect(codes(withRuntimes('nodejs: 20'), lambda)).toEqual([]);
    const d = check(withRuntimes('nodejs: 22'), lambda);
    expect(d.map((x) => `${x.line}:${x.col} ${x.severity} ${x.code}`)).toEqual(['4:5 warning BUILDSPEC-RUNTIME-LAMBDA']);
    expect(d[0]!.message).toContain('nodejs 20 only');
  });

  it('an image the table does not know: a note that nothing was checked', () => {
    expect(codes(withRuntimes('dotnet: 8.0'), image('aws/codebuild/standard:4.0'))).toEqual(['4:5 info BUILDSPEC-RUNTIME-IMAGE-UNKNOWN']);
  });

  it('3.10 written unquoted is read as written (as CodeBuild does), with a note for YAML 1.2 readers', () => {
    const d = check(withRuntimes('python: 3.10'), image('aws/codebuild/standard:8.0'));
    expect(d.map((x) => `${x.severity} ${x.code}`)).toEqual(['info BUILDSPEC-RUNTIME-VERSION-NUMBER']);
    expect(d[0]!.fix).toBe('Quote it: python: "3.10".');
    // 3.1 written as 3.1 is what CodeBuild reads: not on the image, so installed at build time.
    expect(codes(withRuntimes('python: 3.1'), image('aws/codebuild/standard:8.0'))).toEqual(['5:15 warning BUILDSPEC-RUNTIME-VERSION']);
  });
});

describe('AWS CLI version 1 commands (every current image has version 2)', () => {
  const phase = (...cmds: string[]) => ['version: 0.2', 'phases:', '  pre_build:', '    commands:', ...cmds.map((c) => `      - ${c}`), ''].join('\n');

  it('aws ecr get-login is a warning whose fix is get-login-password with the same region', () => {
    const d = check(phase('$(aws ecr get-login --no-include-email --region us-east-1)'));
    expect(d.map((x) => `${x.line}:${x.col} ${x.severity} ${x.code}`)).toEqual(['5:9 warning BUILDSPEC-AWS-CLI-V1']);
    expect(d[0]!.fix).toBe('Use: aws ecr get-login-password --region us-east-1 | docker login --username AWS --password-stdin <account>.dkr.ecr.us-east-1.amazonaws.com');
  });

  it('finds it after global options and in finally; get-login-password and other commands pass', () => {
    const text = ['version: 0.2', 'phases:', '  build:', '    commands:', '      - aws --region eu-west-1 ecr get-login-password | docker login --username AWS --password-stdin x', '      - echo aws ecr get-login-password', '    finally:', '      - eval $(aws --debug ecr get-login)', ''].join('\n');
    expect(codes(text)).toEqual(['8:9 warning BUILDSPEC-AWS-CLI-V1']);
  });

  it('an option only version 1 accepts names the version 2 spelling', () => {
    const d = check(phase('aws lambda publish-version --function-name f --code-sha-256 abc'));
    expect(d.map((x) => `${x.severity} ${x.code}`)).toEqual(['warning BUILDSPEC-AWS-CLI-V1']);
    expect(d[0]!.fix).toBe('Write --code-sha256 instead.');
    expect(codes(phase('aws lambda publish-version --function-name f --code-sha256 abc'))).toEqual([]);
  });
});
