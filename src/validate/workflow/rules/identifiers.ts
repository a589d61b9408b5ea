import { awsIdentifierFinding } from '../aws-identifier.js';
import { identifierInfo } from '../identifier.js';
import { perFile, type WorkflowContext, type WorkflowRule } from './context.js';
import type { RuleContext } from '../../rule.js';
import type { Finding } from '../../../model/diagnostic.js';

const wf = (identifier: string) => `Name: build\nSchemaVersion: "1.0"\nActions:\n  Build:\n    Identifier: ${identifier}\n    Configuration:\n      Steps:\n        - Run: npm test\n`;

/** The findings `awsIdentifierFinding` makes for the actions of a file, once for both rules. */
const awsIdentifierFindings = perFile((ctx) => {
  const out: Finding[] = [];
  for (const n of ctx.actions) {
    const f = awsIdentifierFinding(ctx.valueOf(n)['Identifier'], `${n.pointer}/Identifier`);
    if (f) out.push(f);
  }
  return out;
});

/** Report the findings of `awsIdentifierFindings` that carry the rule's code. */
function reportAwsIdentifier(ctx: WorkflowContext & RuleContext, code: string): void {
  for (const f of awsIdentifierFindings(ctx)) if (f.code === code) ctx.report({ pointer: f.pointer, message: f.message, ...(f.fix ? { fix: f.fix } : {}) });
}

export const identifierUnknown: WorkflowRule = {
  code: 'WF-IDENTIFIER-UNKNOWN',
  kind: 'workflow',
  severity: 'error',
  title: 'An aws/ action identifier names an action AWS does not publish.',
  description:
    'The set of aws/ actions is closed and known (aws/build, aws/managed-test, aws/cdk-deploy, ...); the service fails the run on any other aws/ name, usually a typo. The message lists the aws/ actions and suggests the closest. Actions of other owners (codecatalyst-labs/, third parties) are not checked.',
  bad: wf('aws/bulid@v1'),
  good: wf('aws/build@v1'),
  check: (ctx) => reportAwsIdentifier(ctx, 'WF-IDENTIFIER-UNKNOWN'),
};

export const identifierVersion: WorkflowRule = {
  code: 'WF-IDENTIFIER-VERSION',
  kind: 'workflow',
  severity: 'error',
  title: 'An aws/ action identifier has no version, or a major version AWS does not publish.',
  description:
    'Every aws/ action identifier ends in @v<major> (or a pinned @v<major>.<minor>.<patch>) of a version AWS publishes for that action, e.g. aws/build@v1; aws/build@v9 or aws/build without a version fail the run. The message names the published versions.',
  bad: wf('aws/build@v9'),
  good: wf('aws/build@v1'),
  check: (ctx) => reportAwsIdentifier(ctx, 'WF-IDENTIFIER-VERSION'),
};

export const identifierPrerelease: WorkflowRule = {
  code: 'WF-IDENTIFIER-PRERELEASE',
  kind: 'workflow',
  severity: 'warning',
  title: 'An action identifier names an internal pre-release stage (beta, gamma).',
  description:
    'Identifiers such as aws/build-beta@v1 name internal pre-release builds of an action that appear in some published examples; they may change or disappear. Use the released identifier.',
  bad: wf('aws/build-beta@v1'),
  good: wf('aws/build@v1'),
  check(ctx) {
    for (const n of ctx.actions) {
      const id = ctx.valueOf(n)['Identifier'];
      const info = identifierInfo(id);
      if (!info?.prerelease) continue;
      const canonical = `aws/${info.family}@v${info.major}`;
      ctx.report({
        pointer: `${n.pointer}/Identifier`,
        message: `"${String(id)}" is an internal pre-release (${info.prerelease.slice(1)}) identifier of ${canonical}; it may change or disappear.`,
        fix: `Use ${canonical}.`,
      });
    }
  },
};
