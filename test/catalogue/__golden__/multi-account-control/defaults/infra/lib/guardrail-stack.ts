import { Stack, type StackProps } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import type { Construct } from 'constructs';
import type { RuleConfig } from './control-config';

export interface GuardrailStackProps extends StackProps {
  /** Prefix of the AWS Config rule names, so the rules of this control are easy to find in the console. */
  readonly controlName: string;
  readonly rules: readonly RuleConfig[];
}

/**
 * The control in one account and region: AWS Config managed rules that report non-compliant resources. This
 * stack does not remediate. It needs an AWS Config recorder in the account and region (AWS Control Tower and
 * most landing zones set one up). This file is yours: add custom rules, remediation or conformance packs here.
 */
export class GuardrailStack extends Stack {
  constructor(scope: Construct, id: string, props: GuardrailStackProps) {
    super(scope, id, props);
    for (const rule of props.rules) {
      new config.ManagedRule(this, rule.id, {
        configRuleName: `${props.controlName}-${rule.id}`,
        identifier: rule.identifier,
        description: rule.description,
        ...(rule.inputParameters ? { inputParameters: { ...rule.inputParameters } } : {}),
      });
    }
  }
}
