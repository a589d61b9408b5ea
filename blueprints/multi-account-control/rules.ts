/**
 * The AWS Config managed rules a control can be made of. A curated list rather than free text: every entry is a
 * managed rule that works without parameters (or with the parameters given here), so a control renders, synthesizes
 * and deploys as chosen. Identifiers are the `SourceIdentifier`s of the managed rules (aws-cdk-lib names them in
 * `config.ManagedRuleIdentifiers`); ids are the rules' names in the AWS Config documentation.
 */
export interface ConfigRuleInfo {
  /** The managed rule's documented name, used as the option value, e.g. `s3-bucket-public-read-prohibited`. */
  readonly id: string;
  /** AWS Config `SourceIdentifier`, e.g. `S3_BUCKET_PUBLIC_READ_PROHIBITED`. */
  readonly identifier: string;
  /** What a non-compliant resource is, for the README and the rule's description. */
  readonly description: string;
  /**
   * The rule evaluates account-wide IAM resources: deployed into several regions of one account, it reports the
   * same finding once per region. @default false
   */
  readonly global?: boolean;
  /** Rule parameters, passed as `InputParameters`. @default - none: the managed rule's defaults */
  readonly inputParameters?: Readonly<Record<string, string>>;
}

export const CONFIG_RULES: readonly ConfigRuleInfo[] = [
  { id: 's3-bucket-public-read-prohibited', identifier: 'S3_BUCKET_PUBLIC_READ_PROHIBITED', description: 'S3 buckets must not allow public read access.' },
  { id: 's3-bucket-public-write-prohibited', identifier: 'S3_BUCKET_PUBLIC_WRITE_PROHIBITED', description: 'S3 buckets must not allow public write access.' },
  { id: 's3-bucket-server-side-encryption-enabled', identifier: 'S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED', description: 'S3 buckets must have default encryption or deny unencrypted puts.' },
  { id: 's3-bucket-ssl-requests-only', identifier: 'S3_BUCKET_SSL_REQUESTS_ONLY', description: 'S3 bucket policies must deny requests that do not use TLS.' },
  { id: 'encrypted-volumes', identifier: 'ENCRYPTED_VOLUMES', description: 'Attached EBS volumes must be encrypted.' },
  { id: 'ebs-snapshot-public-restorable-check', identifier: 'EBS_SNAPSHOT_PUBLIC_RESTORABLE_CHECK', description: 'EBS snapshots must not be restorable by everyone.' },
  { id: 'rds-storage-encrypted', identifier: 'RDS_STORAGE_ENCRYPTED', description: 'RDS DB instances must have storage encryption.' },
  { id: 'restricted-ssh', identifier: 'INCOMING_SSH_DISABLED', description: 'Security groups must not allow SSH (port 22) from 0.0.0.0/0.' },
  { id: 'vpc-flow-logs-enabled', identifier: 'VPC_FLOW_LOGS_ENABLED', description: 'Every VPC must have flow logs.' },
  { id: 'cloudtrail-enabled', identifier: 'CLOUD_TRAIL_ENABLED', description: 'The account must have a CloudTrail trail.' },
  { id: 'guardduty-enabled-centralized', identifier: 'GUARDDUTY_ENABLED_CENTRALIZED', description: 'Amazon GuardDuty must be enabled in the region.' },
  { id: 'root-account-mfa-enabled', identifier: 'ROOT_ACCOUNT_MFA_ENABLED', description: 'The root user must sign in with MFA.', global: true },
  { id: 'iam-root-access-key-check', identifier: 'IAM_ROOT_ACCESS_KEY_CHECK', description: 'The root user must have no access keys.', global: true },
  { id: 'iam-password-policy', identifier: 'IAM_PASSWORD_POLICY', description: "The account password policy must meet the managed rule's defaults (length 14, mixed characters).", global: true },
  { id: 'mfa-enabled-for-iam-console-access', identifier: 'MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS', description: 'IAM users with a console password must have MFA.', global: true },
  { id: 'access-keys-rotated', identifier: 'ACCESS_KEYS_ROTATED', description: 'Active IAM access keys must be rotated within 90 days.', global: true, inputParameters: { maxAccessKeyAge: '90' } },
];

/** The rules of a control that nobody configured: public S3 access, unencrypted volumes, open SSH, no trail, root hygiene. */
export const DEFAULT_RULES: readonly string[] = [
  's3-bucket-public-read-prohibited',
  's3-bucket-public-write-prohibited',
  's3-bucket-ssl-requests-only',
  'encrypted-volumes',
  'restricted-ssh',
  'cloudtrail-enabled',
  'root-account-mfa-enabled',
  'iam-root-access-key-check',
];

/** The curated entries for the chosen ids, in the order chosen. */
export function selectRules(ids: readonly string[]): ConfigRuleInfo[] {
  return ids.map((id) => {
    const rule = CONFIG_RULES.find((r) => r.id === id);
    // The options schema restricts ids to the list, so a miss here is a bug in the caller.
    if (!rule) throw new Error(`Unknown AWS Config rule "${id}".`);
    return rule;
  });
}
