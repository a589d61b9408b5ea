import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Output } from '../../src/cli/output.js';

const KEYS = [
  'HOME', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
  'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_EC2_METADATA_DISABLED', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_CODEARTIFACT',
  'AWS_ENDPOINT_URL_CODEBUILD', 'NPM_CONFIG_USERCONFIG', 'npm_config_userconfig', 'PIP_CONFIG_FILE', 'XDG_CONFIG_HOME', 'AWS_MAX_ATTEMPTS', 'AWS_RETRY_MODE',
];

/**
 * A sandbox for one test file: a fresh home folder, fake static credentials, no shared config, no
 * instance metadata. Nothing can reach a real account: every endpoint is a mock or a loopback server.
 */
export function sandboxEnv(): { home: string; restore: () => void } {
  const saved = new Map(KEYS.map((k) => [k, process.env[k]]));
  for (const k of KEYS) delete process.env[k];
  const home = mkdtempSync(join(tmpdir(), 'cg-home-'));
  Object.assign(process.env, {
    HOME: home,
    AWS_REGION: 'us-west-2',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLETESTONLY',
    AWS_SECRET_ACCESS_KEY: 'test-secret-not-real',
    AWS_CONFIG_FILE: join(home, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  return {
    home,
    restore: () => {
      for (const [k, v] of saved) if (v === undefined) delete process.env[k];
      else process.env[k] = v;
      rmSync(home, { recursive: true, force: true });
    },
  };
}

export function captureOutput(): Output & { stdout: string[]; stderr: string[]; all: () => string } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { out: (t) => stdout.push(t), err: (t) => stderr.push(t), color: false, stdinIsTty: false, stdout, stderr, all: () => [...stdout, ...stderr].join('\n') };
}
