import { isRecord } from '../model/values.js';
import type { Template } from './diff.js';

/**
 * CloudFormation values as text, two ways: as keys (logical ids as they are, so that comparisons are exact) and
 * for people (each resource by its construct path, the `aws:cdk:path` metadata CDK writes, without the stack's
 * name and CDK's trailing `/Resource`; pseudo parameters as `${Partition}`, `${AccountId}`, `${Region}`).
 *
 *   { "Fn::Join": ["", ["arn:", { "Ref": "AWS::Partition" }, ":iam::", { "Ref": "AWS::AccountId" }, ":policy/p"]] }
 *   key:   arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/p
 *   shown: arn:${Partition}:iam::${AccountId}:policy/p
 */
export interface Names {
  /** A resource of the template as people know it: its construct path, else its logical id. */
  readonly label: (logicalId: string) => string;
  /** The resource's type, `AWS::IAM::Role`, or undefined for an id the template does not have. */
  readonly typeOf: (logicalId: string) => string | undefined;
}

/** Logical ids as they are: the text used to compare. */
export const KEY_NAMES: Names = { label: (id) => id, typeOf: () => undefined };

/**
 * Names from a template's metadata. `stackPath` is the stack's own construct path (`my-app-pipeline/Dev/Service`
 * in a CDK Pipelines assembly): resource paths are shown below it. Without it, below their first part.
 */
export function namesOf(template: Template | undefined, stackPath?: string): Names {
  const resources = isRecord(template?.['Resources']) ? (template!['Resources'] as Record<string, unknown>) : {};
  const label = (id: string) => {
    const r = resources[id];
    const path = isRecord(r) && isRecord(r['Metadata']) ? r['Metadata']['aws:cdk:path'] : undefined;
    if (typeof path !== 'string' || !path.includes('/')) return id;
    const below = stackPath && path.startsWith(`${stackPath}/`) ? path.slice(stackPath.length + 1) : path.slice(path.indexOf('/') + 1);
    return below.replace(/\/(Resource|Default)$/, '');
  };
  const typeOf = (id: string) => {
    const r = resources[id];
    return isRecord(r) && typeof r['Type'] === 'string' ? r['Type'] : undefined;
  };
  return { label, typeOf };
}

const PSEUDO: Readonly<Record<string, string>> = {
  'AWS::Partition': 'Partition',
  'AWS::AccountId': 'AccountId',
  'AWS::Region': 'Region',
  'AWS::URLSuffix': 'URLSuffix',
  'AWS::StackName': 'StackName',
  'AWS::StackId': 'StackId',
  'AWS::NoValue': 'NoValue',
};

/** A value as text: strings as they are, intrinsic functions written out, anything else as compact JSON. */
export function renderValue(v: unknown, names: Names = KEY_NAMES): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map((x) => renderValue(x, names)).join(', ');
  if (!isRecord(v)) return JSON.stringify(v) ?? '';
  const keys = Object.keys(v);
  if (keys.length === 1) {
    const [k] = keys as [string];
    const arg = v[k];
    const keyed = names === KEY_NAMES;
    switch (k) {
      case 'Ref':
        if (typeof arg === 'string') return `\${${keyed ? arg : (PSEUDO[arg] ?? names.label(arg))}}`;
        break;
      case 'Fn::GetAtt': {
        const [id, attr] = Array.isArray(arg) ? arg : typeof arg === 'string' ? arg.split(/\.(.*)/s) : [];
        if (typeof id === 'string') return `\${${keyed ? id : names.label(id)}.${renderValue(attr, names)}}`;
        break;
      }
      case 'Fn::Join':
        if (Array.isArray(arg) && typeof arg[0] === 'string' && Array.isArray(arg[1])) return arg[1].map((x) => renderValue(x, names)).join(arg[0]);
        break;
      case 'Fn::ImportValue':
        return `\${Import ${renderValue(arg, names)}}`;
      case 'Fn::Select':
        if (Array.isArray(arg) && Array.isArray(arg[1]) && typeof arg[0] === 'number' && arg[1][arg[0]] !== undefined) return renderValue(arg[1][arg[0]], names);
        break;
    }
    if (k.startsWith('Fn::')) return `\${${k.slice(4)} ${compactJson(arg, names)}}`;
  }
  return compactJson(v, names);
}

/** JSON with every intrinsic inside written out as text (conditions, odd shapes). Keys sorted: stable. */
export function renderJson(v: unknown, names: Names = KEY_NAMES): string {
  return compactJson(v, names);
}

function compactJson(v: unknown, names: Names): string {
  const intrinsic = (x: unknown) => isRecord(x) && Object.keys(x).length === 1 && /^(Ref|Fn::)/.test(Object.keys(x)[0]!);
  const walk = (x: unknown): unknown =>
    Array.isArray(x) ? x.map(walk) : isRecord(x) ? (intrinsic(x) ? renderValue(x, names) : Object.fromEntries(Object.keys(x).sort().map((k) => [k, walk(x[k])]))) : x;
  return JSON.stringify(walk(v)) ?? '';
}

/** Plain-language names of the resource types approvers meet most. */
const TYPE_NAMES: Readonly<Record<string, string>> = {
  'AWS::IAM::Role': 'role',
  'AWS::IAM::User': 'user',
  'AWS::IAM::Group': 'group',
  'AWS::IAM::ManagedPolicy': 'managed policy',
  'AWS::IAM::Policy': 'policy',
  'AWS::Lambda::Function': 'Lambda function',
  'AWS::S3::Bucket': 'S3 bucket',
  'AWS::SQS::Queue': 'SQS queue',
  'AWS::SNS::Topic': 'SNS topic',
  'AWS::KMS::Key': 'KMS key',
  'AWS::ECR::Repository': 'ECR repository',
  'AWS::SecretsManager::Secret': 'secret',
  'AWS::DynamoDB::Table': 'DynamoDB table',
  'AWS::EC2::SecurityGroup': 'security group',
  'AWS::CodeBuild::Project': 'CodeBuild project',
  'AWS::StepFunctions::StateMachine': 'state machine',
  'AWS::ECS::TaskDefinition': 'ECS task definition',
  'AWS::ApiGateway::RestApi': 'REST API',
  'AWS::Organizations::Policy': 'organization policy',
  'AWS::SSO::PermissionSet': 'permission set',
  'AWS::EC2::VPCEndpoint': 'VPC endpoint',
  'AWS::EKS::PodIdentityAssociation': 'EKS pod identity association',
  'AWS::RolesAnywhere::Profile': 'Roles Anywhere profile',
  'AWS::Transfer::User': 'Transfer Family user',
  'AWS::DynamoDB::GlobalTable': 'DynamoDB global table',
  'AWS::Logs::LogGroup': 'log group',
};

export function typeName(type: string | undefined): string {
  if (!type) return 'resource';
  return TYPE_NAMES[type] ?? type.replace(/^AWS::/, '').replace(/::/g, ' ');
}
