import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESOURCE_POLICY_TYPES, SESSION_POLICY_TYPES } from '../../src/security/policies.js';

// "Nothing missed", checked against the CloudFormation resource schemas (the registry schemas that cfn-lint ships):
// every property of every resource type that may hold a policy is either compared by the security diff or
// reviewed below as something else, and every property the diff reads exists. A new cfn-lint with a new type
// that carries a policy fails here until it is classified.

const SCHEMAS = (() => {
  const r = spawnSync('python3', ['-c', 'import cfnlint, os; print(os.path.join(os.path.dirname(cfnlint.__file__), "data", "schemas", "resources"))'], { encoding: 'utf8' });
  const dir = r.status === 0 ? r.stdout.trim() : '';
  return dir && existsSync(dir) ? dir : undefined;
})();

interface PropertySchema {
  readonly type?: string | readonly string[];
  readonly $ref?: string;
  readonly properties?: Record<string, PropertySchema>;
  readonly items?: PropertySchema;
}
interface ResourceSchema {
  readonly typeName: string;
  readonly properties?: Record<string, PropertySchema>;
  readonly definitions?: Record<string, PropertySchema>;
}

/** Every resource type's schema (one per type; the files are per-region variants of the same types). */
function loadSchemas(dir: string): Map<string, ResourceSchema> {
  const out = new Map<string, ResourceSchema>();
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.json')) continue;
    const s = JSON.parse(readFileSync(join(dir, f), 'utf8')) as ResourceSchema;
    if (s.typeName && !out.has(s.typeName)) out.set(s.typeName, s);
  }
  return out;
}

const resolve = (s: ResourceSchema, p: PropertySchema | undefined): PropertySchema | undefined => (p?.$ref ? s.definitions?.[p.$ref.split('/').pop()!] : p);

/** Whether a property path (`a.b`, `a[].b`) exists in a type's schema. */
function hasPath(s: ResourceSchema, path: string): boolean {
  let cur: PropertySchema | undefined = { properties: s.properties };
  for (const seg of path.split('.')) {
    const list = seg.endsWith('[]');
    cur = resolve(s, resolve(s, cur)?.properties?.[list ? seg.slice(0, -2) : seg]);
    if (list) cur = resolve(s, cur?.items);
    if (!cur) return false;
  }
  return true;
}

/**
 * Properties named like a policy that are not access policies, reviewed one by one: what they are instead.
 * IAM's own types are read by the identity code (inline, attached and managed policies, trust, boundaries).
 */
const NOT_RESOURCE_POLICIES: Readonly<Record<string, string>> = {
  'AWS::IAM::Group.Policies': 'identity policies (read as such)',
  'AWS::IAM::GroupPolicy.PolicyDocument': 'identity policy (read as such)',
  'AWS::IAM::Policy.PolicyDocument': 'identity policy (read as such)',
  'AWS::IAM::ManagedPolicy.PolicyDocument': 'identity policy (read as such)',
  'AWS::IAM::Role.AssumeRolePolicyDocument': 'trust policy (read as such)',
  'AWS::IAM::Role.Policies': 'identity policies (read as such)',
  'AWS::IAM::RolePolicy.PolicyDocument': 'identity policy (read as such)',
  'AWS::IAM::User.Policies': 'identity policies (read as such)',
  'AWS::IAM::UserPolicy.PolicyDocument': 'identity policy (read as such)',
  'AWS::SSO::PermissionSet.InlinePolicy': 'identity policy of a permission set (read as such)',
  'AWS::ApiGateway::DomainName.SecurityPolicy': 'TLS version',
  'AWS::ApiGateway::DomainNameV2.SecurityPolicy': 'TLS version',
  'AWS::ApiGateway::RestApi.SecurityPolicy': 'TLS version',
  'AWS::ElasticLoadBalancingV2::Listener.SslPolicy': 'TLS ciphers',
  'AWS::Transfer::WebApp.WebAppEndpointPolicy': 'FIPS or standard endpoint',
  'AWS::AutoScaling::AutoScalingGroup.AvailabilityZoneImpairmentPolicy': 'scaling behaviour',
  'AWS::AutoScaling::AutoScalingGroup.InstanceLifecyclePolicy': 'scaling behaviour',
  'AWS::AutoScaling::AutoScalingGroup.InstanceMaintenancePolicy': 'scaling behaviour',
  'AWS::AutoScaling::AutoScalingGroup.MixedInstancesPolicy': 'instance types',
  'AWS::AutoScaling::WarmPool.InstanceReusePolicy': 'scaling behaviour',
  'AWS::EMR::Cluster.AutoTerminationPolicy': 'idle timeout',
  'AWS::EMR::Cluster.ManagedScalingPolicy': 'scaling behaviour',
  'AWS::EMR::InstanceGroupConfig.AutoScalingPolicy': 'scaling behaviour',
  'AWS::GameLift::ContainerFleet.GameSessionCreationLimitPolicy': 'rate limit',
  'AWS::GameLift::ContainerFleet.NewGameSessionProtectionPolicy': 'scale-in protection',
  'AWS::GameLift::Fleet.NewGameSessionProtectionPolicy': 'scale-in protection',
  'AWS::GameLift::Fleet.ResourceCreationLimitPolicy': 'rate limit',
  'AWS::GameLift::GameServerGroup.AutoScalingPolicy': 'scaling behaviour',
  'AWS::GameLift::GameServerGroup.GameServerProtectionPolicy': 'scale-in protection',
  'AWS::EC2::EC2Fleet.ExcessCapacityTerminationPolicy': 'scaling behaviour',
  'AWS::Batch::ComputeEnvironment.UpdatePolicy': 'update behaviour',
  'AWS::Batch::JobDefinition.ResourceRetentionPolicy': 'retention',
  'AWS::Batch::SchedulingPolicy.FairsharePolicy': 'job scheduling',
  'AWS::Bedrock::DataSource.DataDeletionPolicy': 'retention',
  'AWS::DLM::LifecyclePolicy.DefaultPolicy': 'snapshot schedule',
  'AWS::ECR::Repository.LifecyclePolicy': 'image expiry',
  'AWS::ECR::RepositoryCreationTemplate.LifecyclePolicy': 'image expiry',
  'AWS::EFS::FileSystem.BackupPolicy': 'backups on or off',
  'AWS::EKS::Capability.DeletePropagationPolicy': 'deletion behaviour',
  'AWS::EKS::Cluster.UpgradePolicy': 'support type',
  'AWS::Glue::Crawler.RecrawlPolicy': 'crawler behaviour',
  'AWS::Glue::Crawler.SchemaChangePolicy': 'crawler behaviour',
  'AWS::GreengrassV2::Deployment.DeploymentPolicies': 'rollout behaviour',
  'AWS::Lambda::CodeSigningConfig.CodeSigningPolicies': 'what to do with unsigned code (not who may call)',
  'AWS::Lambda::Version.RuntimePolicy': 'runtime updates',
  'AWS::ElasticLoadBalancing::LoadBalancer.AccessLoggingPolicy': 'logging',
  'AWS::ElasticLoadBalancing::LoadBalancer.ConnectionDrainingPolicy': 'connection draining',
  'AWS::Logs::AccountPolicy.PolicyDocument': 'data protection, subscription filter or field index policy (no principals)',
  'AWS::Logs::LogGroup.DataProtectionPolicy': 'masking of sensitive data',
  'AWS::MediaStore::Container.LifecyclePolicy': 'object expiry',
  'AWS::MediaStore::Container.MetricPolicy': 'metrics',
  'AWS::NetworkFirewall::FirewallPolicy.FirewallPolicy': 'firewall rule groups (traffic, not IAM)',
  'AWS::NetworkManager::CoreNetwork.PolicyDocument': 'network segments and routing',
  'AWS::OpenSearchServerless::LifecyclePolicy.Policy': 'index retention',
  'AWS::QuickSight::DataSet.IngestionWaitPolicy': 'ingestion wait',
  'AWS::ResilienceHub::ResiliencyPolicy.Policy': 'recovery objectives',
  'AWS::SecurityHub::ConfigurationPolicy.ConfigurationPolicy': 'which Security Hub standards are on',
  'AWS::SNS::Subscription.DeliveryPolicy': 'retries',
  'AWS::SNS::Subscription.FilterPolicy': 'message filtering',
  'AWS::SNS::Subscription.RedrivePolicy': 'dead-letter queue',
  'AWS::SNS::Subscription.ReplayPolicy': 'message replay',
  'AWS::SNS::Topic.ArchivePolicy': 'message retention',
  'AWS::SNS::Topic.DataProtectionPolicy': 'masking of sensitive data',
  'AWS::SQS::Queue.RedriveAllowPolicy': 'which queues may use this one as a dead-letter queue (no principals)',
  'AWS::SQS::Queue.RedrivePolicy': 'dead-letter queue',
  'AWS::SSM::Parameter.Policies': 'parameter expiration and notification',
  'AWS::Kendra::Index.UserContextPolicy': 'how search results are filtered by user (no IAM)',
  'AWS::Cognito::UserPool.Policies': 'password and sign-in rules',
  'AWS::WorkSpacesWeb::BrowserSettings.BrowserPolicy': 'Chrome policy for the web portal',
  'AWS::WorkSpacesWeb::BrowserSettings.WebContentFilteringPolicy': 'URL filtering',
};

/** A property that may hold a policy: named like one, and an object or a (JSON) string. */
function mayHoldPolicy(s: ResourceSchema, name: string, p: PropertySchema): boolean {
  if (!/Polic(y|ies)(Document|Text|Template)?$/.test(name)) return false;
  const type = resolve(s, p)?.type;
  return (Array.isArray(type) ? type : [type]).some((t) => t === 'object' || t === 'string');
}

describe.skipIf(!SCHEMAS)('the security diff against the CloudFormation resource schemas (cfn-lint; skipped when cfn-lint is not installed)', () => {
  const schemas = loadSchemas(SCHEMAS!);
  const read = new Set<string>();
  for (const [type, spec] of Object.entries(RESOURCE_POLICY_TYPES)) for (const d of spec.docs) read.add(`${type}.${d.split('.')[0]!.replace('[]', '')}`);
  for (const [type, props] of Object.entries(SESSION_POLICY_TYPES)) for (const p of props) read.add(`${type}.${p}`);

  it('knows the schemas of the common types', () => {
    expect(schemas.size).toBeGreaterThan(1000);
    expect(schemas.has('AWS::S3::BucketPolicy')).toBe(true);
  });

  it.each(Object.entries(RESOURCE_POLICY_TYPES))('reads properties of %s that exist', (type, spec) => {
    const s = schemas.get(type);
    expect(s, `${type} is not a CloudFormation resource type`).toBeDefined();
    for (const d of spec.docs) expect(hasPath(s!, d), `${type} has no property ${d}`).toBe(true);
    for (const t of spec.target ?? []) expect(hasPath(s!, t), `${type} has no property ${t}`).toBe(true);
  });

  it.each(Object.entries(SESSION_POLICY_TYPES))('reads session policies of %s that exist', (type, props) => {
    for (const p of props) expect(hasPath(schemas.get(type)!, p), `${type} has no property ${p}`).toBe(true);
  });

  it('compares every property that may hold a policy, or knows what else it is', () => {
    const unclassified: string[] = [];
    for (const [type, s] of schemas) {
      for (const [name, p] of Object.entries(s.properties ?? {})) {
        const key = `${type}.${name}`;
        if (mayHoldPolicy(s, name, p) && !read.has(key) && !(key in NOT_RESOURCE_POLICIES)) unclassified.push(key);
      }
    }
    expect(unclassified, 'add each to RESOURCE_POLICY_TYPES (src/security/policies.ts) or, when it grants nothing, to NOT_RESOURCE_POLICIES here').toEqual([]);
  });

  it('reviews only properties that exist, and none that the diff reads', () => {
    for (const key of Object.keys(NOT_RESOURCE_POLICIES)) {
      const [type, prop] = [key.slice(0, key.lastIndexOf('.')), key.slice(key.lastIndexOf('.') + 1)];
      expect(schemas.get(type)?.properties?.[prop], `${key} does not exist`).toBeDefined();
      expect(read.has(key), `${key} is both read and reviewed as something else`).toBe(false);
    }
  });
});
