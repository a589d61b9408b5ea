import { describe, expect, it } from 'vitest';
import { hasShellcheck, shellcheck } from '../helpers/shell.js';
import { CASES, catalogue, renderSet, shellScripts } from './harness.js';

describe.skipIf(!hasShellcheck)('catalogue shell: shellcheck on every script, buildspec command, workflow step and devfile command', () => {
  it.each(CASES)('$id with its $set options', ({ id, set }) => {
    const scripts = shellScripts(renderSet(id, set));
    const findings = scripts.map((s) => ({ origin: s.origin, ...shellcheck(s.script) })).filter((r) => r.status !== 0);
    expect(findings.map((f) => `${f.origin}:\n${f.output}`)).toEqual([]);
  });

  it('finds the shell of the application blueprints (the extraction is not vacuous)', () => {
    const origins = shellScripts(renderSet('serverless-python', 'alternative')).map((s) => s.origin);
    expect(origins).toEqual(
      expect.arrayContaining([
        '.codecatalyst/workflows/PullRequest.yaml#BuildAndTest',
        '.codecatalyst/workflows/Deploy.yaml#Test',
        'devfile.yaml#install-python',
        'devfile.yaml#codeartifact-login',
      ]),
    );
    const test = shellScripts(renderSet('serverless-python', 'alternative')).find((s) => s.origin.endsWith('Deploy.yaml#Test'))!;
    expect(test.script).toContain('aws codeartifact login --tool pip --domain acme --domain-owner 123456789012 --repository pypi-store --region us-west-2');
    expect(catalogue.length).toBeGreaterThan(0);
  });

  it('shellcheck does report a broken script (the check can fail)', () => {
    expect(shellcheck('#!/usr/bin/env bash\nrm -rf $DIR/*\n').status).not.toBe(0);
  });
});

describe.skipIf(hasShellcheck)('catalogue shell', () => {
  it.skip('shellcheck is not installed: install it (apt-get install shellcheck) to check generated shell', () => {});
});
