import { CloudFormationClient, GetTemplateCommand } from '@aws-sdk/client-cloudformation';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { awsCaller, sdkClientConfig, type AwsClientSettings } from './client.js';

/**
 * What `security-diff --deployed` needs from AWS: the template of a deployed stack (CloudFormation `GetTemplate`),
 * read in the stack's own account through the role that deploys it (the CDK bootstrap deploy role the cloud
 * assembly names, assumed with STS), and SNS to tell the approvers.
 */
export interface DeployedApi {
  /** The stack's template text as deployed, or undefined when there is no such stack (it is new). */
  getTemplate(stack: { readonly stackName: string; readonly region?: string; readonly roleArn?: string }): Promise<string | undefined>;
  /** Publish to a topic (in the topic's region); the message id. */
  publish(topicArn: string, subject: string, message: string): Promise<string>;
}

export function createDeployedApi(settings: AwsClientSettings = {}): DeployedApi {
  const call = awsCaller(settings);
  const base = sdkClientConfig(settings);
  const sessions = new Map<string, Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string }>>();
  const credentialsFor = (roleArn: string, region: string | undefined) => {
    const key = `${roleArn}\u0000${region ?? ''}`;
    if (!sessions.has(key)) {
      sessions.set(
        key,
        call(`sts:AssumeRole ${roleArn}`, async (abortSignal) => {
          const sts = new STSClient({ ...base, ...(region ? { region } : {}) });
          const out = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'catalyst-gen-security-diff' }), { abortSignal });
          const c = out.Credentials;
          if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`STS returned no credentials for ${roleArn}`);
          return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}) };
        }),
      );
    }
    return sessions.get(key)!;
  };
  return {
    getTemplate: async ({ stackName, region, roleArn }) => {
      const credentials = roleArn ? await credentialsFor(roleArn, region) : undefined;
      const { profile: _profile, ...rest } = base;
      const cfn = new CloudFormationClient({ ...(credentials ? rest : base), ...(region ? { region } : {}), ...(credentials ? { credentials } : {}) });
      return call(`cloudformation:GetTemplate of stack ${stackName}${region ? ` in ${region}` : ''}`, async (abortSignal) => {
        try {
          return (await cfn.send(new GetTemplateCommand({ StackName: stackName, TemplateStage: 'Original' }), { abortSignal })).TemplateBody ?? '{}';
        } catch (e) {
          // CloudFormation says a stack that does not exist is a ValidationError: then everything in it is new.
          if ((e as { name?: string }).name === 'ValidationError' && /does not exist/i.test((e as Error).message)) return undefined;
          throw e;
        }
      });
    },
    publish: (topicArn, subject, message) =>
      call(`sns:Publish to ${topicArn}`, async (abortSignal) => {
        const region = topicArn.split(':')[3];
        const sns = new SNSClient({ ...base, ...(region ? { region } : {}) });
        return (await sns.send(new PublishCommand({ TopicArn: topicArn, Subject: subject, Message: message }), { abortSignal })).MessageId ?? '';
      }),
  };
}
