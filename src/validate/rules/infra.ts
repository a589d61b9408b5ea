import type { RuleDoc } from '../rule.js';

/**
 * The codes of the minimal checks of the IAM policies and CloudFormation templates the private-build blueprint
 * renders (`../buildspec/infra.ts`): such files are checked when rendered, or with --kind, never found by name.
 */
const policy = (statement: string) => `{\n  "Version": "2012-10-17",\n  "Statement": [\n    ${statement}\n  ]\n}\n`;
const GOOD_POLICY = policy('{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::artifacts/*" }');
const iam = (d: Omit<RuleDoc, 'kind' | 'examplePath' | 'good'> & { good?: string }): RuleDoc => ({ kind: 'iam-policy', examplePath: 'policy.json', good: GOOD_POLICY, ...d });
const template = (resources: string) => `Resources:\n${resources}`;
const BUCKET = '  Bucket:\n    Type: AWS::S3::Bucket\n';
const cfn = (d: Omit<RuleDoc, 'kind' | 'examplePath' | 'good'> & { good?: string }): RuleDoc => ({ kind: 'cloudformation', examplePath: 'template.yaml', good: template(BUCKET), ...d });

export const INFRA_RULE_DOCS: readonly RuleDoc[] = [
  iam({
    code: 'IAM-POLICY-SHAPE',
    severity: 'error',
    title: 'The IAM policy is not an object with Statement, or a statement is not an object.',
    description: 'An IAM policy document is a JSON object with Version and a Statement (one object, or a list of them).',
    bad: '{\n  "Version": "2012-10-17",\n  "Statement": []\n}\n',
  }),
  iam({
    code: 'IAM-POLICY-VERSION',
    severity: 'error',
    title: 'The policy Version is not "2012-10-17".',
    description: 'Only policy language version 2012-10-17 supports policy variables; the older 2008-10-17 (or none) reads ${...} literally.',
    bad: GOOD_POLICY.replace('2012-10-17', '2008-10-17'),
  }),
  iam({
    code: 'IAM-POLICY-EFFECT',
    severity: 'error',
    title: 'A statement\'s Effect is not "Allow" or "Deny".',
    description: 'Effect is exactly Allow or Deny (with that casing).',
    bad: policy('{ "Effect": "allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::artifacts/*" }'),
  }),
  iam({
    code: 'IAM-POLICY-ACTION',
    severity: 'error',
    title: 'A statement has no Action, or an action that is not "service:Action".',
    description: 'Each statement names actions as service:Action (wildcards allowed), e.g. s3:GetObject.',
    bad: policy('{ "Effect": "Allow", "Action": "GetObject", "Resource": "arn:aws:s3:::artifacts/*" }'),
  }),
  iam({
    code: 'IAM-POLICY-RESOURCE',
    severity: 'error',
    title: 'A statement has no Resource.',
    description: 'An identity policy statement names the resources it applies to (Resource or NotResource).',
    bad: policy('{ "Effect": "Allow", "Action": "s3:GetObject" }'),
  }),
  iam({
    code: 'IAM-POLICY-WILDCARD-RESOURCE',
    severity: 'warning',
    title: 'Resource "*" is allowed for actions that can be limited to specific ARNs.',
    description: 'Least privilege: actions that support resource-level permissions should name the resources (ARNs) they need. Actions that only work on "*" are not reported.',
    bad: policy('{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }'),
  }),
  cfn({
    code: 'CFN-SHAPE',
    severity: 'error',
    title: 'The CloudFormation template has no Resources.',
    description: 'A template needs a Resources mapping with at least one resource.',
    bad: 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n',
  }),
  cfn({
    code: 'CFN-RESOURCE-TYPE',
    severity: 'error',
    title: 'A resource has no valid Type.',
    description: 'Each resource has a Type such as AWS::EC2::VPCEndpoint.',
    bad: template('  Bucket:\n    Properties: {}\n'),
  }),
  cfn({
    code: 'CFN-DEPENDS-ON',
    severity: 'error',
    title: 'DependsOn names a resource the template does not have.',
    description: "A resource's DependsOn lists logical ids of resources of the same template.",
    bad: template(`${BUCKET}  Topic:\n    Type: AWS::SNS::Topic\n    DependsOn: Bukcet\n`),
    good: template(`${BUCKET}  Topic:\n    Type: AWS::SNS::Topic\n    DependsOn: Bucket\n`),
  }),
  cfn({
    code: 'CFN-REF',
    severity: 'error',
    title: 'Ref names no parameter or resource of the template.',
    description: 'Ref takes the logical id of a parameter or resource of the same template (or a pseudo parameter such as AWS::Region).',
    bad: template(`${BUCKET}  Policy:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket:\n        Ref: Bukcet\n`),
    good: template(`${BUCKET}  Policy:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket:\n        Ref: Bucket\n`),
  }),
];
