import { describe, expect, it } from 'vitest';
import { securityDiff, type Template } from '../../src/security/diff.js';

// Template pairs with the verdict a careful reviewer gives: does the change broaden permissions, and what does it
// say. Each pair is checked in both directions: the reverse of a broadening change narrows, and the reverse of a
// narrowing one broadens (unless the case says otherwise, e.g. a deleted role).

const path = (p: string) => ({ Metadata: { 'aws:cdk:path': `Svc/${p}/Resource` } });
const trust = (service = 'lambda.amazonaws.com') => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });
const doc = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });
const allow = (Action: unknown, Resource: unknown = '*', extra: object = {}) => ({ Effect: 'Allow', Action, Resource, ...extra });
const deny = (Action: unknown, Resource: unknown = '*', extra: object = {}) => ({ Effect: 'Deny', Action, Resource, ...extra });
const role = (props: object = {}) => ({ Type: 'AWS::IAM::Role', ...path('api/Handler/ServiceRole'), Properties: { AssumeRolePolicyDocument: trust(), ...props } });
const fn = { Type: 'AWS::Lambda::Function', ...path('api/Handler'), Properties: { Role: { 'Fn::GetAtt': ['HandlerRole', 'Arn'] }, Runtime: 'nodejs22.x' } };
const bucket = { Type: 'AWS::S3::Bucket', ...path('images/Bucket') };
const stack = (resources: Record<string, unknown>): Template => ({ Resources: { HandlerRole: role(), Handler: fn, ...resources } });
const withRole = (props: object, resources: Record<string, unknown> = {}): Template => stack({ HandlerRole: role(props), ...resources });
const join = (...parts: unknown[]) => ({ 'Fn::Join': ['', parts] });
const BOUNDARY = join('arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':policy/developer-policy');
const sg = (props: object) => ({ Type: 'AWS::EC2::SecurityGroup', ...path('web/Sg'), Properties: { GroupDescription: 'web', VpcId: 'vpc-12345678', ...props } });
const scp = (statements: object[]) => ({ Type: 'AWS::Organizations::Policy', ...path('guard/Scp'), Properties: { Name: 'guard', Type: 'SERVICE_CONTROL_POLICY', TargetIds: ['ou-abcd-11111111'], Content: doc(...statements) } });

interface Case {
  readonly name: string;
  readonly before: Template | undefined;
  readonly after: Template | undefined;
  readonly broadens: boolean;
  /** The first broadening change's sentence (or, when nothing broadens, the first change's). */
  readonly says?: RegExp;
  /** The reverse direction's verdict. @default the opposite of `broadens` when there is any change */
  readonly reverse?: boolean | 'none';
}

const inline = (...statements: object[]) => ({ Policies: [{ PolicyName: 'inline', PolicyDocument: doc(...statements) }] });
const readBucket = allow(['s3:GetObject'], join({ 'Fn::GetAtt': ['Bucket', 'Arn'] }, '/*'));

const CASES: Case[] = [
  { name: 'inline Allow added to a role', before: stack({ Bucket: bucket }), after: withRole(inline(readBucket), { Bucket: bucket }), broadens: true, says: /^Role api\/Handler\/ServiceRole \(of Lambda function api\/Handler\) may now call s3:GetObject on \$\{images\/Bucket\.Arn\}\/\*\.$/ },
  { name: 'AWS::IAM::Policy added to a role', before: stack({}), after: stack({ P: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', Roles: [{ Ref: 'HandlerRole' }], PolicyDocument: doc(allow('sqs:SendMessage', 'arn:aws:sqs:us-east-1:111111111111:q')) } } }), broadens: true, says: /may now call sqs:SendMessage on arn:aws:sqs:us-east-1:111111111111:q\.$/ },
  { name: 'Action * on * through AWS::IAM::RolePolicy', before: stack({}), after: stack({ P: { Type: 'AWS::IAM::RolePolicy', Properties: { PolicyName: 'admin', RoleName: { Ref: 'HandlerRole' }, PolicyDocument: doc(allow('*')) } } }), broadens: true, says: /^Role api\/Handler\/ServiceRole .* may now do anything \(\*\) on every resource \(\*\)\.$/ },
  { name: 'Action * on * through AWS::IAM::UserPolicy', before: stack({ U: { Type: 'AWS::IAM::User', ...path('ops/User') } }), after: stack({ U: { Type: 'AWS::IAM::User', ...path('ops/User') }, P: { Type: 'AWS::IAM::UserPolicy', Properties: { PolicyName: 'admin', UserName: { Ref: 'U' }, PolicyDocument: doc(allow('*')) } } }), broadens: true, says: /^User ops\/User may now do anything \(\*\) on every resource \(\*\)\.$/ },
  { name: 'a group policy', before: stack({ G: { Type: 'AWS::IAM::Group', ...path('ops/Group') } }), after: stack({ G: { Type: 'AWS::IAM::Group', ...path('ops/Group') }, P: { Type: 'AWS::IAM::GroupPolicy', Properties: { PolicyName: 'g', GroupName: { Ref: 'G' }, PolicyDocument: doc(allow('ec2:*')) } } }), broadens: true, says: /^Group ops\/Group may now call ec2:\* on every resource \(\*\)\.$/ },
  { name: 'a PolicyDocument given as a JSON string', before: stack({}), after: stack({ P: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', Roles: [{ Ref: 'HandlerRole' }], PolicyDocument: JSON.stringify(doc(allow('iam:PassRole'))) } } }), broadens: true, says: /may now call iam:PassRole on every resource/ },
  { name: 'a managed policy of the template attached to the role', before: stack({}), after: stack({ M: { Type: 'AWS::IAM::ManagedPolicy', Properties: { Roles: [{ Ref: 'HandlerRole' }], PolicyDocument: doc(allow('dynamodb:*')) } } }), broadens: true, says: /may now call dynamodb:\* on every resource/ },
  { name: 'an AWS managed policy attached', before: stack({}), after: withRole({ ManagedPolicyArns: [join('arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AdministratorAccess')] }), broadens: true, says: /^Role api\/Handler\/ServiceRole \(of Lambda function api\/Handler\) now has the managed policy arn:\$\{Partition\}:iam::aws:policy\/AdministratorAccess\.$/ },
  { name: 'only the letter case of an action changes', before: withRole(inline(allow('s3:getObject'))), after: withRole(inline(allow('S3:GetObject'))), broadens: false, reverse: 'none' },
  { name: 'a resource narrows from * to one bucket', before: withRole(inline(allow('s3:GetObject')), { Bucket: bucket }), after: withRole(inline(readBucket), { Bucket: bucket }), broadens: false, says: /may no longer call s3:GetObject on every resource \(\*\)\.$/ },
  { name: 'an action widens to a wildcard', before: withRole(inline(allow('s3:GetObject'))), after: withRole(inline(allow('s3:*'))), broadens: true, says: /may now call s3:\* on every resource/ },
  { name: 'a wildcard in the middle of an action covers the actions it matches', before: withRole(inline(allow('s3:Get*'))), after: withRole(inline(allow(['s3:GetObject', 's3:GetObjectTagging']))), broadens: false, says: /may no longer call s3:Get\*/ },
  { name: 'a condition is removed', before: withRole(inline(allow('s3:*', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }))), after: withRole(inline(allow('s3:*'))), broadens: true, says: /may now call s3:\* on every resource \(\*\)\.$/ },
  { name: 'a Deny is removed from a role that stays', before: withRole(inline(allow('s3:*'), deny('s3:DeleteBucket'))), after: withRole(inline(allow('s3:*'))), broadens: true, says: /^Role api\/Handler\/ServiceRole .* is no longer denied s3:DeleteBucket on every resource \(\*\)\.$/ },
  { name: 'a role that carried a Deny is deleted', before: { Resources: { Other: role(inline(deny('*'))) } }, after: { Resources: {} }, broadens: false, reverse: true },
  { name: 'a statement moves from an inline policy to an AWS::IAM::Policy', before: withRole(inline(allow('s3:GetObject'))), after: stack({ P: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', Roles: [{ Ref: 'HandlerRole' }], PolicyDocument: doc(allow('s3:GetObject')) } } }), broadens: false, reverse: 'none' },
  { name: 'an ARN written with Fn::Sub instead of Fn::Join', before: withRole({ ManagedPolicyArns: [join('arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/ReadOnlyAccess')] }), after: withRole({ ManagedPolicyArns: [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess' }] }), broadens: false, reverse: 'none' },
  { name: 'another account may assume the role', before: stack({}), after: withRole({ AssumeRolePolicyDocument: doc(...trust().Statement, { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 'sts:AssumeRole' }) }), broadens: true, says: /^Account 222222222222 may now assume role api\/Handler\/ServiceRole \(of Lambda function api\/Handler\)\.$/ },
  { name: 'the permission boundary is removed', before: withRole({ PermissionsBoundary: BOUNDARY }), after: stack({}), broadens: true, says: /^The permission boundary arn:\$\{Partition\}:iam::\$\{AccountId\}:policy\/developer-policy was removed from role api\/Handler\/ServiceRole \(of Lambda function api\/Handler\)\.$/ },
  { name: 'the permission boundary changes', before: withRole({ PermissionsBoundary: BOUNDARY }), after: withRole({ PermissionsBoundary: 'arn:aws:iam::111111111111:policy/lax' }), broadens: true, says: /^The permission boundary of role api\/Handler\/ServiceRole .* changed from arn:\$\{Partition\}:iam::\$\{AccountId\}:policy\/developer-policy to arn:aws:iam::111111111111:policy\/lax\.$/, reverse: true },
  { name: 'a boundary written with Fn::Sub instead of Fn::Join', before: withRole({ PermissionsBoundary: BOUNDARY }), after: withRole({ PermissionsBoundary: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/developer-policy' } }), broadens: false, reverse: 'none' },
  { name: "an SCP's Deny loses cloudtrail:StopLogging", before: stack({ Scp: scp([deny(['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail'])]) }), after: stack({ Scp: scp([deny(['cloudtrail:DeleteTrail'])]) }), broadens: true, says: /^Service control policy guard\/Scp \(on ou-abcd-11111111\) no longer denies cloudtrail:StopLogging on every resource \(\*\)\.$/ },
  { name: 'an SCP now allows a service it did not', before: stack({ Scp: scp([allow('s3:*')]) }), after: stack({ Scp: scp([allow(['s3:*', 'ec2:*'])]) }), broadens: true, says: /now allows ec2:\*/ },
  { name: 'a bucket policy lets anyone read', before: stack({ Bucket: bucket }), after: stack({ Bucket: bucket, BP: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'Bucket' }, PolicyDocument: doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: join({ 'Fn::GetAtt': ['Bucket', 'Arn'] }, '/*') }) } } }), broadens: true, says: /^Anyone \(\*\) may now call s3:GetObject on S3 bucket images\/Bucket \(\$\{images\/Bucket\.Arn\}\/\*\)\.$/ },
  { name: 'a bucket policy Deny without TLS is removed', before: stack({ Bucket: bucket, BP: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'Bucket' }, PolicyDocument: doc({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }) } } }), after: stack({ Bucket: bucket }), broadens: true, says: /^Anyone \(\*\) is no longer denied s3:\* on S3 bucket images\/Bucket when \{"Bool":\{"aws:SecureTransport":"false"\}\}\.$/ },
  { name: 'a KMS key policy lets another account decrypt', before: stack({ Key: { Type: 'AWS::KMS::Key', ...path('data/Key'), Properties: { KeyPolicy: doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'kms:*', Resource: '*' }) } } }), after: stack({ Key: { Type: 'AWS::KMS::Key', ...path('data/Key'), Properties: { KeyPolicy: doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'kms:*', Resource: '*' }, { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::333333333333:root' }, Action: 'kms:Decrypt', Resource: '*' }) } } }), broadens: true, says: /^Account 333333333333 may now call kms:Decrypt on KMS key data\/Key\.$/ },
  { name: 'a queue policy lets a topic send', before: stack({ Q: { Type: 'AWS::SQS::Queue', ...path('work/Queue') } }), after: stack({ Q: { Type: 'AWS::SQS::Queue', ...path('work/Queue') }, QP: { Type: 'AWS::SQS::QueuePolicy', Properties: { Queues: [{ Ref: 'Q' }], PolicyDocument: doc({ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': ['Q', 'Arn'] } }) } } }), broadens: true, says: /^The service sns\.amazonaws\.com may now call sqs:SendMessage on SQS queue work\/Queue\.$/ },
  { name: 'a topic policy lets anyone publish', before: stack({ T: { Type: 'AWS::SNS::Topic', ...path('alerts/Topic') } }), after: stack({ T: { Type: 'AWS::SNS::Topic', ...path('alerts/Topic') }, TP: { Type: 'AWS::SNS::TopicPolicy', Properties: { Topics: [{ Ref: 'T' }], PolicyDocument: doc({ Effect: 'Allow', Principal: '*', Action: 'sns:Publish', Resource: { Ref: 'T' } }) } } }), broadens: true, says: /^Anyone \(\*\) may now call sns:Publish on SNS topic alerts\/Topic\.$/ },
  { name: 'a Lambda permission for anyone', before: stack({}), after: stack({ Perm: { Type: 'AWS::Lambda::Permission', Properties: { FunctionName: { 'Fn::GetAtt': ['Handler', 'Arn'] }, Action: 'lambda:InvokeFunction', Principal: '*' } } }), broadens: true, says: /^Anyone \(\*\) may now call lambda:InvokeFunction on Lambda function api\/Handler\.$/ },
  { name: 'a Lambda permission gets a SourceArn condition', before: stack({ Perm: { Type: 'AWS::Lambda::Permission', Properties: { FunctionName: { Ref: 'Handler' }, Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com' } } }), after: stack({ Perm: { Type: 'AWS::Lambda::Permission', Properties: { FunctionName: { Ref: 'Handler' }, Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com', SourceArn: 'arn:aws:execute-api:us-east-1:111111111111:abc/*' } } }), broadens: false, says: /^The service apigateway\.amazonaws\.com may no longer call lambda:InvokeFunction on Lambda function api\/Handler\.$/ },
  { name: 'a function URL without authentication', before: stack({}), after: stack({ Url: { Type: 'AWS::Lambda::Url', Properties: { TargetFunctionArn: { 'Fn::GetAtt': ['Handler', 'Arn'] }, AuthType: 'NONE' } } }), broadens: true, says: /^Anyone \(\*\) may now call lambda:InvokeFunctionUrl on Lambda function api\/Handler\.$/ },
  { name: 'a function URL with IAM authentication', before: stack({}), after: stack({ Url: { Type: 'AWS::Lambda::Url', Properties: { TargetFunctionArn: { 'Fn::GetAtt': ['Handler', 'Arn'] }, AuthType: 'AWS_IAM' } } }), broadens: false, reverse: 'none' },
  { name: 'an ECR repository policy lets another account pull', before: stack({ Repo: { Type: 'AWS::ECR::Repository', ...path('build/Repo') } }), after: stack({ Repo: { Type: 'AWS::ECR::Repository', ...path('build/Repo'), Properties: { RepositoryPolicyText: doc({ Effect: 'Allow', Principal: { AWS: '444444444444' }, Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] }) } } }), broadens: true, says: /^Account 444444444444 may now call ecr:BatchGetImage, ecr:GetDownloadUrlForLayer on ECR repository build\/Repo\.$/ },
  { name: 'a secret readable by anyone in an account', before: stack({ S: { Type: 'AWS::SecretsManager::Secret', ...path('db/Secret') } }), after: stack({ S: { Type: 'AWS::SecretsManager::Secret', ...path('db/Secret') }, RP: { Type: 'AWS::SecretsManager::ResourcePolicy', Properties: { SecretId: { Ref: 'S' }, ResourcePolicy: doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::555555555555:root' }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }) } } }), broadens: true, says: /^Account 555555555555 may now call secretsmanager:GetSecretValue on secret db\/Secret\.$/ },
  { name: 'a DynamoDB table resource policy', before: stack({ T: { Type: 'AWS::DynamoDB::Table', ...path('data/Table') } }), after: stack({ T: { Type: 'AWS::DynamoDB::Table', ...path('data/Table'), Properties: { ResourcePolicy: { PolicyDocument: doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::666666666666:root' }, Action: 'dynamodb:Query', Resource: '*' }) } } } }), broadens: true, says: /^Account 666666666666 may now call dynamodb:Query on DynamoDB table data\/Table\.$/ },
  { name: 'a logs resource policy written as a string', before: stack({}), after: stack({ LP: { Type: 'AWS::Logs::ResourcePolicy', Properties: { PolicyName: 'es', PolicyDocument: JSON.stringify(doc({ Effect: 'Allow', Principal: { Service: 'es.amazonaws.com' }, Action: ['logs:PutLogEvents'], Resource: '*' })) } } }), broadens: true, says: /^The service es\.amazonaws\.com may now call logs:PutLogEvents on es\.$/ },
  { name: 'a VPC endpoint policy opens to everything', before: stack({ E: { Type: 'AWS::EC2::VPCEndpoint', ...path('net/S3Endpoint'), Properties: { PolicyDocument: doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::artifacts/*' }) } } }), after: stack({ E: { Type: 'AWS::EC2::VPCEndpoint', ...path('net/S3Endpoint'), Properties: { PolicyDocument: doc({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }) } } }), broadens: true, says: /^Anyone \(\*\) may now do anything \(\*\) on VPC endpoint net\/S3Endpoint\.$/ },
  { name: 'port 22 opened to the internet', before: stack({ Sg: sg({}) }), after: stack({ Sg: sg({ SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' }] }) }), broadens: true, says: /^Port 22 \(TCP\) is now open to the internet \(0\.0\.0\.0\/0\) in security group web\/Sg\.$/ },
  { name: 'an ingress narrowed from the internet to the VPC', before: stack({ Sg: sg({ SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }] }) }), after: stack({ Sg: sg({ SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' }] }) }), broadens: false, says: /^Port 443 \(TCP\) is no longer open to the internet \(0\.0\.0\.0\/0\) in security group web\/Sg\.$/ },
  { name: "CDK's placeholder egress rule (allowAllOutbound: false)", before: stack({ Sg: sg({}) }), after: stack({ Sg: sg({ SecurityGroupEgress: [{ CidrIp: '255.255.255.255/32', Description: 'Disallow all traffic', FromPort: 252, IpProtocol: 'icmp', ToPort: 86 }] }) }), broadens: false, reverse: 'none' },
  { name: 'all outbound traffic allowed', before: stack({ Sg: sg({}) }), after: stack({ Sg: sg({ SecurityGroupEgress: [{ CidrIp: '0.0.0.0/0', IpProtocol: '-1' }] }) }), broadens: true, says: /^Security group web\/Sg may now send all traffic to the internet \(0\.0\.0\.0\/0\)\.$/ },
  { name: 'a database port reachable from another security group', before: stack({ Sg: sg({}), App: { ...sg({}), ...path('app/Sg') } }), after: stack({ Sg: sg({}), App: { ...sg({}), ...path('app/Sg') }, In: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: { 'Fn::GetAtt': ['Sg', 'GroupId'] }, IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: { 'Fn::GetAtt': ['App', 'GroupId'] } } } }), broadens: true, says: /^Port 5432 \(TCP\) of security group web\/Sg is now reachable from security group app\/Sg\.$/ },
  { name: 'a new stack with IAM', before: undefined, after: withRole(inline(allow('s3:GetObject'))), broadens: true, says: /may now assume role|may now call s3:GetObject/, reverse: false },
  { name: 'a policy CloudFormation evaluates with Fn::If changes', before: stack({ P: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', Roles: [{ Ref: 'HandlerRole' }], PolicyDocument: { 'Fn::If': ['Prod', doc(allow('s3:GetObject')), doc(allow('s3:*'))] } } } }), after: stack({ P: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', Roles: [{ Ref: 'HandlerRole' }], PolicyDocument: { 'Fn::If': ['Prod', doc(allow('s3:*')), doc(allow('*'))] } } } }), broadens: true, says: /^Role api\/Handler\/ServiceRole .* has a policy that changed, which catalyst-gen cannot read statement by statement \(an Fn::If\?\); review it by hand: \$\{If / },
  { name: 'a NotAction Allow', before: stack({}), after: withRole(inline({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })), broadens: true, says: /may now call everything but iam:\* on every resource/ },
  { name: 'an identical template', before: withRole(inline(allow('s3:*')), { Sg: sg({ SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }] }) }), after: withRole(inline(allow('s3:*')), { Sg: sg({ SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }] }) }), broadens: false, reverse: 'none' },
];

function verdict(before: Template | undefined, after: Template | undefined) {
  const report = securityDiff(before ? [{ name: 'Svc', template: before }] : [], after ? [{ name: 'Svc', template: after }] : []);
  const changes = report.stacks.flatMap((s) => s.changes);
  return { report, changes, first: (changes.find((c) => c.broadens) ?? changes[0])?.summary };
}

describe('security-diff verdicts on template pairs', () => {
  it('has at least 40 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES)('$name', (c) => {
    const { report, changes, first } = verdict(c.before, c.after);
    expect(report.broadened, changes.map((x) => x.summary).join('\n')).toBe(c.broadens);
    if (c.says) expect(first).toMatch(c.says);
    if (c.reverse === 'none') expect(changes.map((x) => x.summary)).toEqual([]);
  });

  it.each(CASES.filter((c) => c.reverse !== 'none'))('the other way round: $name', (c) => {
    const { report, changes } = verdict(c.after, c.before);
    const expected = c.reverse === undefined ? !c.broadens : c.reverse;
    expect(report.broadened, changes.map((x) => x.summary).join('\n')).toBe(expected);
    expect(changes.length).toBeGreaterThan(0);
  });

  it('counts what broadens and what narrows when one change does both', () => {
    const { report } = verdict(withRole(inline(allow('s3:GetObject'), allow('sqs:*'))), withRole(inline(allow('s3:*'))));
    expect(report).toMatchObject({ broadened: true, broadening: 1, narrowing: 1 });
  });
});
