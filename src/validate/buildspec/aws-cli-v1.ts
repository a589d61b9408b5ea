import { toPointer, type Finding } from '../../model/diagnostic.js';
import { isRecord } from '../../model/values.js';

/**
 * Commands and options that only AWS CLI version 1 has. Every current CodeBuild image (standard, Amazon Linux,
 * ARM, Windows, Lambda compute) ships AWS CLI version 2, where they fail with "Invalid choice" or "Unknown
 * options". Source: the AWS CLI user guide, "New features and changes in the AWS CLI version 2"
 * (cliv2-migration-changes.html): "AWS CLI version 2 replaces ecr get-login with ecr get-login-password" and
 * "AWS CLI version 2 no longer supports hidden aliases" (the alias table).
 */
interface V1Only {
  readonly service: string;
  readonly command: string;
  /** The option only version 1 accepts, or undefined when the whole command is gone. */
  readonly option?: string;
  readonly replacement: (command: string) => string;
}

const option = (service: string, command: string, alias: string, works: string): V1Only => ({ service, command, option: alias, replacement: () => `--${works}` });

const V1_ONLY: readonly V1Only[] = [
  {
    service: 'ecr',
    command: 'get-login',
    replacement: (cmd) => {
      const region = /--region[ =](\S+)/.exec(cmd)?.[1]?.replace(/[)"']+$/, '');
      return `aws ecr get-login-password${region ? ` --region ${region}` : ''} | docker login --username AWS --password-stdin <account>.dkr.ecr.${region ?? '<region>'}.amazonaws.com`;
    },
  },
  option('cognito-identity', 'create-identity-pool', 'open-id-connect-provider-ar-ns', 'open-id-connect-provider-arns'),
  option('storagegateway', 'describe-tapes', 'tape-ar-ns', 'tape-arns'),
  option('storagegateway', 'describe-tape-archives', 'tape-ar-ns', 'tape-arns'),
  option('storagegateway', 'describe-vtl-devices', 'vtl-device-ar-ns', 'vtl-device-arns'),
  option('storagegateway', 'describe-cached-iscsi-volumes', 'volume-ar-ns', 'volume-arns'),
  option('storagegateway', 'describe-stored-iscsi-volumes', 'volume-ar-ns', 'volume-arns'),
  option('route53domains', 'view-billing', 'start', 'start-time'),
  option('deploy', 'create-deployment-group', 'ec-2-tag-set', 'ec2-tag-set'),
  option('deploy', 'list-application-revisions', 's-3-bucket', 's3-bucket'),
  option('deploy', 'list-application-revisions', 's-3-key-prefix', 's3-key-prefix'),
  option('deploy', 'update-deployment-group', 'ec-2-tag-set', 'ec2-tag-set'),
  option('iam', 'enable-mfa-device', 'authentication-code-1', 'authentication-code1'),
  option('iam', 'enable-mfa-device', 'authentication-code-2', 'authentication-code2'),
  option('iam', 'resync-mfa-device', 'authentication-code-1', 'authentication-code1'),
  option('iam', 'resync-mfa-device', 'authentication-code-2', 'authentication-code2'),
  option('importexport', 'get-shipping-label', 'street-1', 'street1'),
  option('importexport', 'get-shipping-label', 'street-2', 'street2'),
  option('importexport', 'get-shipping-label', 'street-3', 'street3'),
  option('lambda', 'publish-version', 'code-sha-256', 'code-sha256'),
  option('lightsail', 'import-key-pair', 'public-key-base-64', 'public-key-base64'),
  option('opsworks', 'register-volume', 'ec-2-volume-id', 'ec2-volume-id'),
];

/** One `aws ...` invocation: from `aws` to the end of its simple command (a pipe, `;`, `&&`, `)` or a line end). */
const AWS_CALL = /(?:^|[\s;&|(`$])aws\s+([^;&|()`\n]*)/g;

/** Warnings for AWS CLI v1-only commands in every phase's commands and finally. */
export function awsCliV1Rules(phases: Readonly<Record<string, unknown>>): Finding[] {
  const out: Finding[] = [];
  for (const [phase, body] of Object.entries(phases)) {
    if (!isRecord(body)) continue;
    for (const key of ['commands', 'finally']) {
      const list = body[key];
      if (!Array.isArray(list)) continue;
      list.forEach((cmd, i) => {
        if (typeof cmd !== 'string') return;
        for (const m of cmd.matchAll(AWS_CALL)) {
          const hit = v1Only(m[1]!);
          if (!hit) continue;
          const what = hit.option ? `aws ${hit.service} ${hit.command} --${hit.option}` : `aws ${hit.service} ${hit.command}`;
          out.push({
            code: 'BUILDSPEC-AWS-CLI-V1',
            severity: 'warning',
            pointer: toPointer(['phases', phase, key, i]),
            message: hit.option
              ? `"${what}" is an option only AWS CLI version 1 accepts; every current CodeBuild image has AWS CLI version 2, which fails on it ("Unknown options").`
              : `"${what}" exists only in AWS CLI version 1; every current CodeBuild image has AWS CLI version 2, where the command fails ("Invalid choice") and so does this phase.`,
            fix: hit.option ? `Write ${hit.replacement(cmd)} instead.` : `Use: ${hit.replacement(cmd)}`,
          });
        }
      });
    }
  }
  return out;
}

/** Global options that take no value, so the word after them is the service. */
const GLOBAL_FLAGS = new Set(['--debug', '--no-verify-ssl', '--no-paginate', '--no-sign-request', '--no-cli-pager', '--cli-auto-prompt', '--no-cli-auto-prompt']);

/** The v1-only form an `aws` call's arguments use: the service and command are the first two words that are not options. */
function v1Only(args: string): V1Only | undefined {
  const words = args.trim().split(/\s+/);
  const positional: string[] = [];
  for (let i = 0; i < words.length && positional.length < 2; i++) {
    const w = words[i]!;
    if (w.startsWith('-')) {
      // A global option before the service: skip its value unless it is written --opt=value.
      if (!w.includes('=') && !GLOBAL_FLAGS.has(w) && i + 1 < words.length && !words[i + 1]!.startsWith('-')) i++;
      continue;
    }
    positional.push(w);
  }
  const [service, command] = positional;
  const options = new Set(words.filter((w) => w.startsWith('--')).map((w) => w.slice(2).split('=')[0]));
  return V1_ONLY.find((e) => e.service === service && e.command === command && (e.option === undefined || options.has(e.option)));
}
