import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback AWS endpoint for the services that speak the AWS Query protocol (form-encoded `Action=...` requests,
 * XML answers): STS, CloudFormation and SNS here. Point the SDK at it with AWS_ENDPOINT_URL_STS,
 * AWS_ENDPOINT_URL_CLOUDFORMATION and AWS_ENDPOINT_URL_SNS. Each call is recorded with its form fields.
 */
export interface QueryCall {
  readonly action: string;
  readonly params: Readonly<Record<string, string>>;
  readonly authorization: string;
}

export class FakeAwsQuery {
  readonly calls: QueryCall[] = [];
  /** Deployed templates by stack name; a stack not here does not exist. */
  templates = new Map<string, string>();
  private server?: Server;
  url = '';

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const params = Object.fromEntries(new URLSearchParams(body));
        const action = params['Action'] ?? '';
        this.calls.push({ action, params, authorization: String(req.headers.authorization ?? '') });
        const [status, xml] = this.answer(action, params);
        res.writeHead(status, { 'content-type': 'text/xml' });
        res.end(xml);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** The calls of one action. */
  of(action: string): QueryCall[] {
    return this.calls.filter((c) => c.action === action);
  }

  private answer(action: string, p: Record<string, string>): [number, string] {
    const meta = '<ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata>';
    switch (action) {
      case 'AssumeRole':
        return [
          200,
          `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIAFAKEASSUMED0001</AccessKeyId><SecretAccessKey>assumed-secret</SecretAccessKey><SessionToken>assumed-session</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROAFAKE:catalyst-gen-security-diff</AssumedRoleId><Arn>${escape(p['RoleArn'] ?? '')}</Arn></AssumedRoleUser></AssumeRoleResult>${meta}</AssumeRoleResponse>`,
        ];
      case 'GetTemplate': {
        const body = this.templates.get(p['StackName'] ?? '');
        if (body === undefined) return [400, error('ValidationError', `Stack with id ${p['StackName']} does not exist`)];
        return [200, `<GetTemplateResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><GetTemplateResult><TemplateBody>${escape(body)}</TemplateBody><StagesAvailable><member>Original</member><member>Processed</member></StagesAvailable></GetTemplateResult>${meta}</GetTemplateResponse>`];
      }
      case 'Publish':
        return [200, `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>msg-${this.of('Publish').length}</MessageId></PublishResult>${meta}</PublishResponse>`];
      default:
        return [400, error('InvalidAction', `${action} is not faked`)];
    }
  }
}

function error(code: string, message: string): string {
  return `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${escape(message)}</Message></Error><RequestId>0</RequestId></ErrorResponse>`;
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
