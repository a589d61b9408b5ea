import { hasShellcheck, shellcheck } from '../helpers/shell.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { WorkflowDef, WorkflowItem } from '../../src/model/workflow.js';
import { renderWorkflowSecurityGate } from '../../src/render/cdk-app-workflow-gate.js';
import { renderWorkflow } from '../../src/render/workflow.js';
import { serializeYaml } from '../../src/render/serialize.js';
import { validateText } from '../../src/validate/file.js';


const TOPIC = 'arn:aws:sns:us-east-1:111111111111:security-approvals';

function workflow(): { def: WorkflowDef; gates: ReturnType<typeof renderWorkflowSecurityGate>[] } {
  const items: WorkflowItem[] = [
    {
      name: 'Synth',
      identifier: 'aws/build@v1',
      inputs: { sources: ['WorkflowSource'] },
      outputs: { artifacts: [{ name: 'CloudAssembly', files: ['cdk.out/**/*'] }] },
      configuration: { steps: ['npm ci', 'npx cdk synth'] },
    },
  ];
  const gates = [];
  let before = ['Synth'];
  for (const [stage, account] of [['Dev', '222222222222'], ['Prod', '333333333333']] as const) {
    const environment = { name: stage.toLowerCase(), connection: { name: account, role: 'CodeCatalystDeployRole' } };
    const gate = renderWorkflowSecurityGate({
      stage,
      stagePath: `my-app/${stage}`,
      environment,
      notificationTopicArn: TOPIC,
      dependsOn: before,
      cloudAssembly: { artifact: 'CloudAssembly', path: 'cdk.out' },
    });
    gates.push(gate);
    items.push(...gate.items, {
      name: `Deploy_${stage}`,
      identifier: 'aws/cdk-deploy@v1',
      dependsOn: gate.tail,
      environment,
      inputs: { artifacts: ['CloudAssembly'] },
      configuration: { stackName: `my-app-${stage}`, region: 'us-east-1', cloudAssemblyRootPath: 'cdk.out' },
    });
    before = [`Deploy_${stage}`];
  }
  return { def: { name: 'deploy', triggers: [{ type: 'PUSH', branches: ['main'] }], actions: items }, gates };
}

describe('CodeCatalyst workflow security gate', () => {
  const { def, gates } = workflow();
  const text = serializeYaml(renderWorkflow(def));
  const wire = parse(text);

  it('is a valid workflow under the project validators', () => {
    const errors = validateText(text, '.codecatalyst/workflows/deploy.yaml', 'workflow').filter((d) => d.severity === 'error');
    expect(errors).toEqual([]);
  });

  it('puts a check and an aws/approval@v1 gate before every stage, in that order', () => {
    const a = wire.Actions;
    expect(a.SecurityCheck_Dev.Identifier).toBe('aws/build@v1');
    expect(a.SecurityCheck_Dev.DependsOn).toEqual(['Synth']);
    expect(a.SecurityApproval_Dev).toMatchObject({ Identifier: 'aws/approval@v1', DependsOn: ['SecurityCheck_Dev'], Configuration: { ApprovalsRequired: 1 } });
    expect(a.Deploy_Dev.DependsOn).toEqual(['SecurityApproval_Dev']);
    expect(a.SecurityCheck_Prod.DependsOn).toEqual(['Deploy_Dev']);
    expect(a.Deploy_Prod.DependsOn).toEqual(['SecurityApproval_Prod']);
    expect(gates.map((g) => g.tail)).toEqual([['SecurityApproval_Dev'], ['SecurityApproval_Prod']]);
  });

  it('diffs the stage in the target account and publishes to SNS only when permissions broaden', () => {
    const check = wire.Actions.SecurityCheck_Prod;
    expect(check.Environment.Connections).toEqual([{ Name: '333333333333', Role: 'CodeCatalystDeployRole' }]);
    const vars = Object.fromEntries(check.Inputs.Variables.map((v: { Name: string; Value: string }) => [v.Name, v.Value]));
    expect(vars).toMatchObject({ STAGE_PATTERN: 'my-app/Prod/*', NOTIFICATION_ARN: TOPIC, CDK_APP_DIR_VAR: 'CATALYST_SOURCE_DIR_CloudAssembly', CDK_APP_PATH: 'cdk.out', COMMIT_ID: '${WorkflowSource.CommitId}' });
    expect(check.Outputs.Variables).toEqual(['BROADENED']);
    const script = check.Configuration.Steps.map((s: { Run: string }) => s.Run).join('\n');
    // catalyst-gen (the app's pinned devDependency, installed by npm ci) e-mails the approvers itself, only on
    // broadening; the workflow publishes only when the check itself failed.
    expect(check.Configuration.Steps[0].Run).toBe('npm ci');
    expect(script).toContain('npx --no-install catalyst-gen security-diff --deployed "$ASSEMBLY" --stack "$STAGE_PATTERN" --notify "$NOTIFICATION_ARN"');
    const [checked, failed] = script.split('\nelse\n');
    expect(checked).not.toContain('sns publish');
    expect(checked).toContain('BROADENED=true');
    expect(failed).toContain('BROADENED=unknown');
    expect(failed).toContain('aws sns publish --topic-arn "$NOTIFICATION_ARN"');
  });

  it.skipIf(!hasShellcheck)('its script is shellcheck-clean', () => {
    const steps = wire.Actions.SecurityCheck_Dev.Configuration.Steps.map((s: { Run: string }) => s.Run);
    const script = ['#!/bin/bash', ...steps].join('\n') + '\n';
    expect(shellcheck(script)).toEqual({ status: 0, output: '' });
  });
});
