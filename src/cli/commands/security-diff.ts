import picomatch from 'picomatch';
import type { DeployedApi } from '../../aws/deployed.js';
import { UsageError } from '../../errors.js';
import { loadStackTemplates, parseTemplateText } from '../../io/cdk-out.js';
import { loadTemplates } from '../../io/templates.js';
import { securityDiff, type StackTemplate } from '../../security/diff.js';
import { approvalSubject, formatSecurityDiffJson, formatSecurityDiffTemplate, formatSecurityDiffText, SECURITY_DIFF_TEMPLATES, type ApprovalContext } from '../../security/format.js';
import { quietSdkNodeVersionWarning } from '../aws-sdk.js';
import type { Output } from '../output.js';

export interface SecurityDiffFlags {
  readonly format: 'text' | 'json' | 'markdown' | 'email';
  /** Compare the one path given with what is deployed. */
  readonly deployed?: boolean;
  /** With --deployed: stack paths of a cdk.out to compare (globs), or the deployed name of a lone template. */
  readonly stack?: readonly string[];
  readonly region?: string;
  readonly profile?: string;
  /** Read deployed stacks with the current credentials, not the assembly's deploy roles. */
  readonly assumeRole?: boolean;
  /** Publish the approver's e-mail to this SNS topic when permissions broaden. */
  readonly notify?: string;
  readonly pipeline?: string;
  readonly stage?: string;
  readonly executionId?: string;
  readonly commit?: string;
  readonly commitMessage?: string;
  readonly commitAuthor?: string;
  readonly reviewUrl?: string;
  readonly approveUrl?: string;
  readonly executionUrl?: string;
  readonly logUrl?: string;
}

export interface SecurityDiffDeps {
  readonly api?: DeployedApi;
}

/**
 * Compare two templates (or two cdk.out folders), or one with what is deployed (--deployed), and print the
 * security-relevant changes. Exit 1 when permissions broaden, so that a pipeline step can gate on it, else 0;
 * with --notify, the approvers are e-mailed then (and only then).
 */
export async function runSecurityDiff(paths: readonly string[], given: SecurityDiffFlags, o: Output, deps: SecurityDiffDeps = {}): Promise<number> {
  if (paths.length === 0 || paths.length > 2) throw new UsageError('Give two templates or cdk.out folders to compare, or one with --deployed.');
  // One path and --stack: that stack is compared with what is deployed, --deployed or not.
  const flags = paths.length === 1 && given.stack?.length ? { ...given, deployed: true } : given;
  if (flags.deployed ? paths.length !== 1 : paths.length !== 2) {
    throw new UsageError(flags.deployed ? '--deployed compares one template or cdk.out folder with what is deployed: give only that one.' : 'Give two templates or cdk.out folders (before, after), or one with --deployed.');
  }
  if (!flags.deployed && (flags.stack?.length || flags.assumeRole === false)) throw new UsageError('--stack and --no-assume-role go with --deployed.');
  if (flags.notify !== undefined && !/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/.test(flags.notify)) throw new UsageError(`--notify ${flags.notify} is not an SNS topic ARN.`);
  let api = deps.api;
  const aws = async () => {
    if (!api) {
      quietSdkNodeVersionWarning();
      api = (await import('../../aws/deployed.js')).createDeployedApi({ ...(flags.region ? { region: flags.region } : {}), ...(flags.profile ? { profile: flags.profile } : {}) });
    }
    return api;
  };
  let before: StackTemplate[];
  let after: StackTemplate[];
  if (flags.deployed) {
    after = selectStacks(loadStackTemplates(paths[0]!), paths[0]!, flags.stack ?? []);
    const deployed = await aws();
    before = [];
    for (const s of after) {
      const text = await deployed.getTemplate({
        stackName: s.stackName ?? s.name,
        ...(s.region ?? flags.region ? { region: (s.region ?? flags.region)! } : {}),
        ...(flags.assumeRole !== false && s.assumeRoleArn ? { roleArn: resolvePlaceholders(s.assumeRoleArn, s.account, s.region) } : {}),
      });
      if (text !== undefined) before.push({ ...s, template: parseTemplateText(text, `the deployed stack ${s.stackName ?? s.name}`) });
    }
  } else {
    before = loadStackTemplates(paths[0]!);
    after = loadStackTemplates(paths[1]!);
    // Two lone templates are two versions of one stack, whatever their file names.
    if (before.length === 1 && after.length === 1) before = [{ ...before[0]!, name: after[0]!.name }];
  }
  const report = securityDiff(before, after);
  const ctx = contextOf(flags);
  if (flags.format === 'json') o.out(formatSecurityDiffJson(report, ctx));
  else if (flags.format === 'text') o.out(formatSecurityDiffText(report, ctx));
  else if (flags.format === 'email') o.out(`Subject: ${approvalSubject(report, ctx)}\n\n${formatSecurityDiffTemplate('email', report, ctx, loadTemplates([SECURITY_DIFF_TEMPLATES.email]))}`);
  else o.out(formatSecurityDiffTemplate(flags.format, report, ctx, loadTemplates([SECURITY_DIFF_TEMPLATES[flags.format]])));
  if (report.broadened && flags.notify) {
    const body = formatSecurityDiffTemplate('email', report, ctx, loadTemplates([SECURITY_DIFF_TEMPLATES.email]));
    const id = await (await aws()).publish(flags.notify, approvalSubject(report, ctx), body);
    o.err(`Published the approvers' e-mail to ${flags.notify} (message ${id}).`);
  }
  return report.broadened ? 1 : 0;
}

/** The stacks of an assembly that match the patterns (all without patterns); a lone template takes one name. */
function selectStacks(stacks: readonly StackTemplate[], path: string, patterns: readonly string[]): StackTemplate[] {
  if (stacks.length === 1 && stacks[0]!.account === undefined && !stacks[0]!.stackName) {
    // A template file: the deployed stack it is compared with is named by --stack.
    if (patterns.length !== 1) throw new UsageError(`${path} is a template file: name the deployed stack it is compared with, e.g. --stack my-stack.`);
    return [{ ...stacks[0]!, name: patterns[0]!, stackName: patterns[0]! }];
  }
  if (patterns.length === 0) return [...stacks];
  const isMatch = picomatch([...patterns], { dot: true });
  const chosen = stacks.filter((s) => isMatch(s.name));
  if (chosen.length === 0) throw new UsageError(`No stack of ${path} matches ${patterns.join(', ')}; its stacks: ${stacks.map((s) => s.name).join(', ') || 'none'}.`);
  return chosen;
}

/** `${AWS::Partition}`, `${AWS::AccountId}`, `${AWS::Region}` in an assembly's role ARN, for its stack. */
export function resolvePlaceholders(arn: string, account: string | undefined, region: string | undefined): string {
  const partition = region?.startsWith('cn-') ? 'aws-cn' : region?.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  return arn
    .replace(/\$\{AWS::Partition\}/g, partition)
    .replace(/\$\{AWS::AccountId\}/g, account ?? '${AWS::AccountId}')
    .replace(/\$\{AWS::Region\}/g, region ?? '${AWS::Region}');
}

function contextOf(f: SecurityDiffFlags): ApprovalContext {
  const some = <K extends string>(k: K, v: string | undefined) => (v !== undefined && v !== '' ? ({ [k]: v } as Record<K, string>) : {});
  const commit = { ...some('id', f.commit), ...some('message', f.commitMessage), ...some('author', f.commitAuthor) };
  return {
    ...some('pipeline', f.pipeline),
    ...some('stage', f.stage),
    ...some('executionId', f.executionId),
    ...(Object.keys(commit).length > 0 ? { commit } : {}),
    ...some('reviewUrl', f.reviewUrl),
    ...some('approveUrl', f.approveUrl),
    ...some('executionUrl', f.executionUrl),
    ...some('logUrl', f.logUrl),
  };
}
