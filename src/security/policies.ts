import { isRecord } from '../model/values.js';
import type { Template } from './diff.js';
import { KEY_NAMES, namesOf, renderJson, renderValue, typeName, type Names } from './readable.js';

/**
 * Everything in a template that grants or limits access, as comparable atoms. Every IAM policy document, in
 * whatever resource type carries one, is expanded into grants: one effect, principal, action and resource each
 * (with the statement's condition). Keys are exact text (logical ids, actions in lower case as IAM compares
 * them); labels are what the approver reads (construct paths, actions as written).
 */
export interface Grant {
  /** Whose permission this is: the identity of an identity policy, the resource of a resource policy, the role of a trust policy, the targets of an organization policy. */
  readonly scope: string;
  readonly scopeLabel: string;
  readonly kind: GrantKind;
  readonly effect: 'Allow' | 'Deny';
  readonly principal: string;
  readonly principalLabel: string;
  /** Lower case (IAM compares actions case-insensitively); `not <actions>` for NotAction. */
  readonly action: string;
  readonly actionLabel: string;
  /** `not <resources>` for NotResource. */
  readonly resource: string;
  readonly resourceLabel: string;
  /** Compact JSON of the condition, '' for none. */
  readonly condition: string;
  readonly conditionLabel: string;
  /** Logical id of the resource the policy is written in. */
  readonly where: string;
  /** Set when the policy could not be read statement by statement: why (the whole policy is then one grant). */
  readonly unreadable?: string;
}

export type GrantKind = 'identity' | 'resource' | 'trust' | 'organization';

/** A managed policy (by ARN) attached to an identity. */
export interface Attachment {
  readonly scope: string;
  readonly scopeLabel: string;
  readonly policy: string;
  readonly policyLabel: string;
  readonly where: string;
}

/**
 * What limits an identity's permissions without granting any: the permission boundary of a role, user or
 * permission set, or a session policy (the one a pod identity association, a Roles Anywhere profile or a Transfer
 * user applies to the role's sessions).
 */
export interface Boundary {
  readonly limit: 'permission boundary' | 'session policy';
  readonly scope: string;
  readonly scopeLabel: string;
  readonly value: string;
  readonly valueLabel: string;
  readonly where: string;
}

/** One security group rule. Ports are -1 for "all". */
export interface NetworkRule {
  readonly group: string;
  readonly groupLabel: string;
  readonly direction: 'ingress' | 'egress';
  /** `tcp`, `udp`, `icmp`, `icmpv6`, `all`, or a protocol number. */
  readonly protocol: string;
  readonly fromPort: number;
  readonly toPort: number;
  readonly peer: string;
  readonly peerLabel: string;
  readonly where: string;
}

export interface TemplatePolicies {
  readonly grants: readonly Grant[];
  readonly attachments: readonly Attachment[];
  readonly boundaries: readonly Boundary[];
  readonly rules: readonly NetworkRule[];
  /** Logical ids of the template's resources (what is gone when it is not in the next version). */
  readonly resourceIds: ReadonlySet<string>;
  readonly names: Names;
}

type Props = Record<string, unknown>;

/** Where a resource type keeps its resource policies, and which property names what they protect. */
interface ResourcePolicySpec {
  /** The policies are in a language of their own, not IAM's: each is compared as a whole. */
  readonly language?: string;
  /** Property paths of the policy documents (`a.b`; `a[].b` for each item of a list); none where properties make the policy (synthesizedDocument). */
  readonly docs: readonly string[];
  /** The properties naming the protected resources, the first one present wins; the resource itself when absent. */
  readonly target?: readonly string[];
}

const at = (...docs: string[]): ResourcePolicySpec => ({ docs });
const other = (language: string, ...docs: string[]): ResourcePolicySpec => ({ docs, language });
const on = (target: string | readonly string[], ...docs: string[]): ResourcePolicySpec => ({ docs, target: typeof target === 'string' ? [target] : target });

/**
 * Resource types that carry a resource policy: every property of the CloudFormation resource schemas that holds an
 * IAM policy document on a non-IAM resource, and what it protects. test/security/resource-schemas.test.ts checks
 * this table against the schemas that cfn-lint ships: every property named here exists, and every property that
 * may hold a policy is either here or reviewed as something else.
 */
export const RESOURCE_POLICY_TYPES: Readonly<Record<string, ResourcePolicySpec>> = {
  'AWS::APS::ResourcePolicy': on('WorkspaceArn', 'PolicyDocument'),
  'AWS::ApiGateway::DomainNameV2': at('Policy'),
  'AWS::ApiGateway::RestApi': at('Policy'),
  'AWS::Backup::BackupVault': at('AccessPolicy'),
  'AWS::Backup::LogicallyAirGappedBackupVault': at('AccessPolicy'),
  'AWS::Bedrock::ResourcePolicy': on('ResourceArn', 'PolicyDocument'),
  'AWS::CloudTrail::ResourcePolicy': on('ResourceArn', 'ResourcePolicy'),
  'AWS::AIOps::InvestigationGroup': at('InvestigationGroupPolicy'),
  'AWS::CodeArtifact::Domain': at('PermissionsPolicyDocument'),
  'AWS::Comprehend::DocumentClassifier': at('ModelPolicy'),
  'AWS::CodeArtifact::Repository': at('PermissionsPolicyDocument'),
  'AWS::DSQL::Cluster': at('PolicyDocument'),
  'AWS::DynamoDB::GlobalTable': at('Replicas[].ResourcePolicy.PolicyDocument', 'Replicas[].ReplicaStreamSpecification.ResourcePolicy.PolicyDocument'),
  'AWS::DynamoDB::Table': at('ResourcePolicy.PolicyDocument', 'StreamSpecification.ResourcePolicy.PolicyDocument'),
  'AWS::EC2::VPCEndpoint': at('PolicyDocument'),
  'AWS::EC2::VerifiedAccessEndpoint': other('Cedar (Verified Access)', 'PolicyDocument'),
  'AWS::EC2::VerifiedAccessGroup': other('Cedar (Verified Access)', 'PolicyDocument'),
  'AWS::ECR::PublicRepository': at('RepositoryPolicyText'),
  'AWS::ECR::RegistryPolicy': at('PolicyText'),
  'AWS::ECR::Repository': at('RepositoryPolicyText'),
  // The policy every repository created later under the template's prefix gets.
  'AWS::ECR::RepositoryCreationTemplate': at('RepositoryPolicy'),
  'AWS::EFS::FileSystem': at('FileSystemPolicy'),
  'AWS::Elasticsearch::Domain': at('AccessPolicies'),
  'AWS::EventSchemas::RegistryPolicy': on('RegistryName', 'Policy'),
  'AWS::Events::EventBus': at('Policy'),
  // One statement (`Statement`), or the older Principal, Action and Condition properties.
  'AWS::Events::EventBusPolicy': on('EventBusName'),
  'AWS::IoT::Policy': at('PolicyDocument'),
  'AWS::KMS::Key': at('KeyPolicy'),
  'AWS::KMS::ReplicaKey': at('KeyPolicy'),
  'AWS::Kinesis::ResourcePolicy': on('ResourceArn', 'ResourcePolicy'),
  'AWS::Lambda::LayerVersionPermission': on('LayerVersionArn'),
  'AWS::Lambda::Permission': on('FunctionName'),
  'AWS::Lambda::ResourcePolicy': on('ResourceArn', 'PolicyDocument'),
  'AWS::Lambda::Url': on('TargetFunctionArn'),
  'AWS::Lex::ResourcePolicy': on('ResourceArn', 'Policy'),
  'AWS::Logs::DeliveryDestination': at('DeliveryDestinationPolicy.DeliveryDestinationPolicy'),
  'AWS::Logs::Destination': at('DestinationPolicy'),
  'AWS::Logs::LogGroup': at('ResourcePolicyDocument'),
  'AWS::Logs::ResourcePolicy': on('PolicyName', 'PolicyDocument'),
  'AWS::MSK::ClusterPolicy': on('ClusterArn', 'Policy'),
  'AWS::MediaPackageV2::ChannelPolicy': on('ChannelName', 'Policy'),
  'AWS::MediaPackageV2::OriginEndpointPolicy': on('OriginEndpointName', 'Policy'),
  'AWS::MediaStore::Container': at('Policy'),
  'AWS::MediaTailor::ChannelPolicy': on('ChannelName', 'Policy'),
  'AWS::OSIS::Pipeline': at('ResourcePolicy.Policy'),
  'AWS::Oam::Sink': at('Policy'),
  'AWS::Omics::SequenceStore': at('S3AccessPolicy'),
  'AWS::ODB::OdbNetwork': at('KmsPolicyDocument', 'S3PolicyDocument', 'StsPolicyDocument'),
  'AWS::OpenSearchServerless::AccessPolicy': other('OpenSearch Serverless data access rules', 'Policy'),
  // Network and encryption policies: a network policy can make collections public.
  'AWS::OpenSearchServerless::SecurityPolicy': other('OpenSearch Serverless security rules', 'Policy'),
  'AWS::OpenSearchService::Domain': at('AccessPolicies'),
  // The statements (without principals) that a resource share grants to whoever it is shared with.
  'AWS::RAM::Permission': other('a RAM permission template', 'PolicyTemplate'),
  'AWS::RUM::AppMonitor': at('ResourcePolicy.PolicyDocument'),
  'AWS::Redshift::Cluster': at('NamespaceResourcePolicy'),
  'AWS::RedshiftServerless::Namespace': at('NamespaceResourcePolicy'),
  'AWS::S3::AccessPoint': at('Policy'),
  'AWS::S3::BucketPolicy': on('Bucket', 'PolicyDocument'),
  'AWS::S3::MultiRegionAccessPointPolicy': on('MrapName', 'Policy'),
  'AWS::S3Express::AccessPoint': at('Policy'),
  'AWS::S3Express::BucketPolicy': on('Bucket', 'PolicyDocument'),
  'AWS::S3Files::FileSystemPolicy': on('FileSystemId', 'Policy'),
  'AWS::S3ObjectLambda::AccessPointPolicy': on('ObjectLambdaAccessPoint', 'PolicyDocument'),
  'AWS::S3Outposts::AccessPoint': at('Policy'),
  'AWS::S3Outposts::BucketPolicy': on('Bucket', 'PolicyDocument'),
  'AWS::S3Tables::TableBucketPolicy': on('TableBucketARN', 'ResourcePolicy'),
  'AWS::S3Tables::TablePolicy': on('TableARN', 'ResourcePolicy'),
  'AWS::S3Vectors::VectorBucketPolicy': on(['VectorBucketArn', 'VectorBucketName'], 'Policy'),
  'AWS::SMSVOICE::ResourcePolicy': on('ResourceArn', 'PolicyDocument'),
  'AWS::SNS::TopicInlinePolicy': on('TopicArn', 'PolicyDocument'),
  'AWS::SNS::TopicPolicy': on('Topics', 'PolicyDocument'),
  'AWS::SQS::QueueInlinePolicy': on('Queue', 'PolicyDocument'),
  'AWS::SQS::QueuePolicy': on('Queues', 'PolicyDocument'),
  'AWS::SSM::ResourcePolicy': on('ResourceArn', 'Policy'),
  'AWS::SageMaker::ModelPackageGroup': at('ModelPackageGroupPolicy'),
  'AWS::SecretsManager::ResourcePolicy': on('SecretId', 'ResourcePolicy'),
  'AWS::VpcLattice::AuthPolicy': on('ResourceIdentifier', 'Policy'),
  'AWS::VpcLattice::ResourcePolicy': on('ResourceArn', 'Policy'),
  'AWS::XRay::ResourcePolicy': on('PolicyName', 'PolicyDocument'),
};

/**
 * Resources that apply a session policy to the sessions of a role they name: the sessions get at most what the
 * policy allows, so removing or changing it may broaden (as a permission boundary does).
 */
export const SESSION_POLICY_TYPES: Readonly<Record<string, readonly string[]>> = {
  'AWS::EKS::PodIdentityAssociation': ['Policy'],
  'AWS::RolesAnywhere::Profile': ['SessionPolicy', 'ManagedPolicyArns'],
  'AWS::Transfer::User': ['Policy'],
};

/** Identity types, the scope noun, and whether they carry inline policies, managed policies and a boundary. */
const IDENTITY_TYPES: Readonly<Record<string, string>> = {
  'AWS::IAM::Role': 'role',
  'AWS::IAM::User': 'user',
  'AWS::IAM::Group': 'group',
  'AWS::SSO::PermissionSet': 'permission set',
};

/** Policies that attach to identities named by their `Roles`, `Users`, `Groups` (or singular) properties. */
const ATTACHED_POLICY_TYPES: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  'AWS::IAM::Policy': [['Roles', 'role'], ['Users', 'user'], ['Groups', 'group']],
  'AWS::IAM::ManagedPolicy': [['Roles', 'role'], ['Users', 'user'], ['Groups', 'group']],
  'AWS::IAM::RolePolicy': [['RoleName', 'role']],
  'AWS::IAM::UserPolicy': [['UserName', 'user']],
  'AWS::IAM::GroupPolicy': [['GroupName', 'group']],
};

export function extractPolicies(template: Template | undefined, stackPath?: string): TemplatePolicies {
  const names = namesOf(template, stackPath);
  const resources = isRecord(template?.['Resources']) ? (template!['Resources'] as Record<string, unknown>) : {};
  const grants: Grant[] = [];
  const attachments: Attachment[] = [];
  const boundaries: Boundary[] = [];
  const rules: NetworkRule[] = [];
  const both = (v: unknown) => ({ key: renderValue(v, KEY_NAMES), label: renderValue(v, names) });
  const identityScope = (noun: string, ref: unknown) => {
    const r = both(ref);
    const used = noun === 'role' ? usedBy(resources, ref, names) : '';
    const id = refId(ref);
    return { scope: `${noun} ${r.key}`, scopeLabel: `${noun} ${id && resources[id] ? names.label(id) : r.label}${used}` };
  };
  // Managed policies of the template, by logical id: attaching one grants its statements to the identity.
  const localManaged = new Map<string, unknown>();
  for (const [id, r] of Object.entries(resources)) if (isRecord(r) && r['Type'] === 'AWS::IAM::ManagedPolicy') localManaged.set(id, (r['Properties'] as Props | undefined)?.['PolicyDocument']);

  for (const [id, res] of Object.entries(resources)) {
    if (!isRecord(res) || typeof res['Type'] !== 'string') continue;
    const type = res['Type'];
    const props = (isRecord(res['Properties']) ? res['Properties'] : {}) as Props;
    const identity = IDENTITY_TYPES[type];
    if (identity) {
      const self = identityScope(identity, { Ref: id });
      for (const p of asList(props['Policies'])) if (isRecord(p)) grants.push(...documentGrants(p['PolicyDocument'], { ...self, kind: 'identity', where: id }, names));
      if (type === 'AWS::SSO::PermissionSet' && props['InlinePolicy'] !== undefined) grants.push(...documentGrants(props['InlinePolicy'], { ...self, kind: 'identity', where: id }, names));
      for (const arn of asList(props['ManagedPolicyArns'] ?? props['ManagedPolicies'])) {
        const local = refId(arn);
        if (local && localManaged.has(local)) grants.push(...documentGrants(localManaged.get(local), { ...self, kind: 'identity', where: local }, names));
        else attachments.push({ ...self, policy: both(arn).key, policyLabel: both(arn).label, where: id });
      }
      const boundary = props['PermissionsBoundary'];
      if (boundary !== undefined && boundary !== null) {
        const v = isRecord(boundary) && !isIntrinsic(boundary) ? boundary['ManagedPolicyArn'] ?? boundary['CustomerManagedPolicyReference'] ?? boundary : boundary;
        boundaries.push({ limit: 'permission boundary', ...self, value: both(v).key, valueLabel: both(v).label, where: id });
      }
      if (type === 'AWS::IAM::Role' && props['AssumeRolePolicyDocument'] !== undefined) {
        grants.push(...documentGrants(props['AssumeRolePolicyDocument'], { scope: `trust ${self.scope}`, scopeLabel: self.scopeLabel, kind: 'trust', where: id, impliedResource: self.scopeLabel }, names));
      }
      continue;
    }
    const attached = ATTACHED_POLICY_TYPES[type];
    if (attached) {
      for (const [prop, noun] of attached) {
        for (const ref of asList(props[prop])) grants.push(...documentGrants(props['PolicyDocument'], { ...identityScope(noun, ref), kind: 'identity', where: id }, names));
      }
      continue;
    }
    if (type === 'AWS::Organizations::Policy') {
      const targets = both(props['TargetIds'] ?? []);
      const scope = { scope: `organization policy ${id} on ${targets.key}`, scopeLabel: `${String(props['Type'] ?? 'organization').toLowerCase().replace(/_/g, ' ')} ${names.label(id)}${targets.label ? ` (on ${targets.label})` : ''}`, kind: 'organization' as const, where: id };
      grants.push(...documentGrants(props['Content'], scope, names));
      continue;
    }
    const spec = RESOURCE_POLICY_TYPES[type];
    if (spec) {
      const targetProp = spec.target?.find((k) => props[k] !== undefined);
      const targets = spec.target ? asList(targetProp === undefined ? undefined : props[targetProp]) : [{ Ref: id }];
      for (const t of targets) {
        const target = both(t);
        const tid = refId(t);
        const scope = { scope: `resource ${target.key}`, scopeLabel: tid && resources[tid] ? `${typeName(names.typeOf(tid))} ${names.label(tid)}` : target.label, kind: 'resource' as const, where: id, impliedResource: tid && resources[tid] ? `${typeName(names.typeOf(tid))} ${names.label(tid)}` : target.label };
        const docs = spec.docs.length > 0 ? spec.docs.flatMap((path) => valuesAt(props, path)) : [synthesizedDocument(type, props, t)];
        for (const doc of docs) grants.push(...(spec.language ? [opaque(scope, parsedJson(doc), names, `written in ${spec.language}, not IAM's policy language`)] : documentGrants(doc, scope, names)));
      }
      continue;
    }
    const session = SESSION_POLICY_TYPES[type];
    if (session) {
      const value = session.map((k) => props[k]).filter((v) => v !== undefined && !(Array.isArray(v) && v.length === 0));
      if (value.length > 0) {
        const shown = value.length === 1 ? value[0] : value;
        boundaries.push({ limit: 'session policy', scope: `session ${id}`, scopeLabel: `${typeName(type)} ${names.label(id)}`, value: renderJson(shown, KEY_NAMES), valueLabel: renderJson(shown, names), where: id });
      }
      continue;
    }
    if (type === 'AWS::EC2::SecurityGroup') {
      const group = { Ref: id };
      for (const r of asList(props['SecurityGroupIngress'])) if (isRecord(r)) rules.push(networkRule(group, 'ingress', r, id, names));
      for (const r of asList(props['SecurityGroupEgress'])) if (isRecord(r)) rules.push(networkRule(group, 'egress', r, id, names));
      continue;
    }
    if (type === 'AWS::EC2::SecurityGroupIngress' || type === 'AWS::EC2::SecurityGroupEgress') {
      rules.push(networkRule(props['GroupId'] ?? props['GroupName'], type.endsWith('Ingress') ? 'ingress' : 'egress', props, id, names));
    }
  }
  return { grants, attachments, boundaries, rules: rules.filter((r) => !isPlaceholderRule(r)), resourceIds: new Set(Object.keys(resources)), names };
}

/**
 * The rule CDK puts in a security group that allows no outbound traffic (`allowAllOutbound: false`), because
 * CloudFormation would otherwise add "all outbound": ICMP type 252 code 86 to 255.255.255.255/32, which matches
 * nothing. It opens nothing.
 */
function isPlaceholderRule(r: NetworkRule): boolean {
  return r.direction === 'egress' && r.peer === '255.255.255.255/32' && r.protocol === 'icmp' && r.fromPort === 252 && r.toPort === 86;
}

function networkRule(groupRef: unknown, direction: 'ingress' | 'egress', r: Props, where: string, names: Names): NetworkRule {
  const proto = String(r['IpProtocol'] ?? '-1').toLowerCase();
  const protocol = proto === '-1' || proto === 'all' ? 'all' : ({ '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' } as Record<string, string>)[proto] ?? proto;
  const port = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : -1);
  const all = protocol === 'all';
  const peerValue = r['CidrIp'] ?? r['CidrIpv6'] ?? r['SourceSecurityGroupId'] ?? r['DestinationSecurityGroupId'] ?? r['SourcePrefixListId'] ?? r['DestinationPrefixListId'] ?? r['SourceSecurityGroupName'] ?? '';
  const gid = refId(groupRef);
  const pid = refId(peerValue);
  return {
    group: renderValue(groupRef, KEY_NAMES),
    groupLabel: gid ? names.label(gid) : renderValue(groupRef, names),
    direction,
    protocol,
    fromPort: all ? -1 : port(r['FromPort']),
    toPort: all ? -1 : port(r['ToPort']),
    peer: renderValue(peerValue, KEY_NAMES),
    peerLabel: pid ? `security group ${names.label(pid)}` : renderValue(peerValue, names),
    where,
  };
}

/** The policy a Lambda permission, layer permission, function URL or event bus policy amounts to. */
function synthesizedDocument(type: string, p: Props, target: unknown): unknown {
  if (type === 'AWS::Lambda::Url') {
    return p['AuthType'] === 'NONE' ? { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunctionUrl', Resource: target }] } : { Statement: [] };
  }
  if (type === 'AWS::Events::EventBusPolicy') {
    if (p['Statement'] !== undefined) return { Statement: [p['Statement']] };
    return { Statement: [{ Effect: 'Allow', Principal: { AWS: p['Principal'] }, Action: p['Action'], Resource: target, ...(p['Condition'] ? { Condition: p['Condition'] } : {}) }] };
  }
  const condition: Record<string, Record<string, unknown>> = {};
  if (p['SourceArn'] !== undefined) condition['ArnLike'] = { 'aws:SourceArn': p['SourceArn'] };
  if (p['SourceAccount'] !== undefined) condition['StringEquals'] = { ...(condition['StringEquals'] ?? {}), 'aws:SourceAccount': p['SourceAccount'] };
  if (p['PrincipalOrgID'] !== undefined || p['OrganizationId'] !== undefined) condition['StringEquals'] = { ...(condition['StringEquals'] ?? {}), 'aws:PrincipalOrgID': p['PrincipalOrgID'] ?? p['OrganizationId'] };
  if (p['FunctionUrlAuthType'] !== undefined) condition['StringEquals'] = { ...(condition['StringEquals'] ?? {}), 'lambda:FunctionUrlAuthType': p['FunctionUrlAuthType'] };
  const principal = p['Principal'];
  const principalValue = principal === '*' ? '*' : typeof principal === 'string' && /\.amazonaws\.com(\.cn)?$/.test(principal) ? { Service: principal } : { AWS: principal };
  return { Statement: [{ Effect: 'Allow', Principal: principalValue, Action: p['Action'], Resource: target, ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}) }] };
}

interface GrantContext {
  readonly scope: string;
  readonly scopeLabel: string;
  readonly kind: GrantKind;
  readonly where: string;
  /** What a statement without `Resource` applies to (a trust policy's role, a resource policy's resource). */
  readonly impliedResource?: string;
}

/**
 * The grants of one policy document. A document given as a JSON string (CloudFormation accepts both) is read
 * the same. A document that cannot be read (an `Fn::If`, broken JSON) is one opaque grant of its whole text,
 * so that any change to it still shows.
 */
function documentGrants(doc: unknown, ctx: GrantContext, names: Names): Grant[] {
  let value = doc;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return [opaque(ctx, value, names, 'not JSON')];
    }
  }
  if (value === undefined || value === null) return [];
  if (!isRecord(value) || isIntrinsic(value)) return [opaque(ctx, value, names, 'an Fn::If?')];
  const out: Grant[] = [];
  for (const st of asList(value['Statement'])) {
    if (!isRecord(st)) continue;
    out.push(...statementGrants(st, ctx, names));
  }
  return out;
}

/** A whole policy as one grant, so that any change to it shows (as added and removed); `why` it is not read. */
function opaque(ctx: GrantContext, value: unknown, names: Names, why: string): Grant {
  const text = renderValue(value, KEY_NAMES);
  return {
    ...scopeOf(ctx),
    unreadable: why,
    effect: 'Allow',
    principal: ctx.scope,
    principalLabel: ctx.scopeLabel,
    action: `policy ${text}`,
    actionLabel: renderValue(value, names).slice(0, 200),
    resource: '*',
    resourceLabel: '*',
    condition: '',
    conditionLabel: '',
  };
}

function scopeOf(ctx: GrantContext) {
  return { scope: ctx.scope, scopeLabel: ctx.scopeLabel, kind: ctx.kind, where: ctx.where };
}

function statementGrants(st: Props, ctx: GrantContext, names: Names): Grant[] {
  const effect = st['Effect'] === 'Deny' ? 'Deny' : 'Allow';
  const principals =
    ctx.kind === 'identity'
      ? [{ key: ctx.scope, label: ctx.scopeLabel }]
      : st['NotPrincipal'] !== undefined
        ? [{ key: `not ${principalKeys(st['NotPrincipal'], KEY_NAMES).join(',')}`, label: `everyone but ${principalKeys(st['NotPrincipal'], names).join(', ')}` }]
        : ctx.kind === 'organization'
          ? [{ key: '*', label: 'the accounts it applies to' }]
          : principalKeys(st['Principal'] ?? '*', KEY_NAMES).map((key, i) => ({ key, label: principalKeys(st['Principal'] ?? '*', names)[i]! }));
  const actions =
    st['NotAction'] !== undefined
      ? [{ key: `not ${asList(st['NotAction']).map((a) => renderValue(a).toLowerCase()).sort().join(',')}`, label: `everything but ${asList(st['NotAction']).map((a) => renderValue(a, names)).join(', ')}` }]
      : asList(st['Action']).map((a) => ({ key: renderValue(a).toLowerCase(), label: renderValue(a, names) }));
  const resources =
    st['NotResource'] !== undefined
      ? [{ key: `not ${asList(st['NotResource']).map((r) => renderValue(r)).sort().join(',')}`, label: `everything but ${asList(st['NotResource']).map((r) => renderValue(r, names)).join(', ')}` }]
      : st['Resource'] === undefined
        ? [{ key: '*', label: ctx.impliedResource ?? '*' }]
        : asList(st['Resource']).map((r) => ({ key: renderValue(r), label: renderValue(r, names) }));
  const condition = st['Condition'] === undefined ? '' : renderJson(st['Condition']);
  const conditionLabel = st['Condition'] === undefined ? '' : renderJson(st['Condition'], names);
  const out: Grant[] = [];
  for (const p of principals) {
    for (const a of actions) {
      for (const r of resources) {
        out.push({ ...scopeOf(ctx), effect, principal: p.key, principalLabel: p.label, action: a.key, actionLabel: a.label, resource: r.key, resourceLabel: r.label, condition, conditionLabel });
      }
    }
  }
  return out;
}

/** `*`, `AWS:<arn>`, `Service:<name>`, `Federated:<provider>`, `CanonicalUser:<id>`; `{ AWS: '*' }` is `*`. */
function principalKeys(p: unknown, names: Names): string[] {
  if (p === '*') return ['*'];
  if (!isRecord(p) || isIntrinsic(p)) return [`AWS:${renderValue(p, names)}`];
  const out: string[] = [];
  for (const [kind, v] of Object.entries(p).sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const x of asList(v)) {
      const text = renderValue(x, names);
      out.push(kind === 'AWS' && text === '*' ? '*' : `${kind}:${text}`);
    }
  }
  return out;
}

/** The resources that use a role: `(of Lambda function api/Handler)`. */
function usedBy(resources: Record<string, unknown>, ref: unknown, names: Names): string {
  const id = refId(ref);
  if (!id) return '';
  const users: string[] = [];
  for (const [uid, r] of Object.entries(resources)) {
    if (!isRecord(r) || !isRecord(r['Properties']) || IDENTITY_TYPES[String(r['Type'])] || ATTACHED_POLICY_TYPES[String(r['Type'])]) continue;
    const uses = Object.values(r['Properties']).some((v) => isRecord(v) && ((Array.isArray(v['Fn::GetAtt']) && v['Fn::GetAtt'][0] === id) || v['Ref'] === id));
    if (uses) users.push(`${typeName(String(r['Type']))} ${names.label(uid)}`);
  }
  return users.length > 0 ? ` (of ${users.slice(0, 3).join(', ')}${users.length > 3 ? ` and ${users.length - 3} more` : ''})` : '';
}

/** The logical id a `Ref` or `Fn::GetAtt` names, or undefined. */
function refId(v: unknown): string | undefined {
  if (!isRecord(v)) return undefined;
  if (typeof v['Ref'] === 'string' && !v['Ref'].startsWith('AWS::')) return v['Ref'];
  const att = v['Fn::GetAtt'];
  if (Array.isArray(att) && typeof att[0] === 'string') return att[0];
  if (typeof att === 'string') return att.split('.')[0];
  return undefined;
}

function isIntrinsic(v: Record<string, unknown>): boolean {
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'));
}

function asList(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

/** A policy in a JSON string, parsed (so that only changes in content count), else as it is. */
function parsedJson(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}

/** The values at a property path: `a.b`, or `a[].b` for each item of the list `a`; absent ones left out. */
function valuesAt(p: Props, path: string): unknown[] {
  let cur: unknown[] = [p];
  for (const seg of path.split('.')) {
    const key = seg.endsWith('[]') ? seg.slice(0, -2) : seg;
    cur = cur.map((v) => (isRecord(v) ? v[key] : undefined)).filter((v) => v !== undefined);
    if (seg.endsWith('[]')) cur = cur.flatMap((v) => (Array.isArray(v) ? v : []));
  }
  return cur;
}
