import {
  CodeartifactClient,
  GetAuthorizationTokenCommand,
  GetRepositoryEndpointCommand,
  type PackageFormat,
} from '@aws-sdk/client-codeartifact';
import { awsCaller, sdkClientConfig, type AwsClientSettings } from './client.js';

/** What `codeartifact login` needs from CodeArtifact; tests hand in fakes. */
export interface CodeArtifactApi {
  getAuthorizationToken(input: { domain: string; domainOwner?: string; durationSeconds?: number }): Promise<{ token: string; expiration?: Date }>;
  getRepositoryEndpoint(input: { domain: string; domainOwner?: string; repository: string; format: string }): Promise<string>;
}

export function createCodeArtifactApi(settings: AwsClientSettings = {}): CodeArtifactApi {
  const client = new CodeartifactClient(sdkClientConfig(settings));
  const call = awsCaller(settings);
  return {
    getAuthorizationToken: (input) =>
      call(`codeartifact:GetAuthorizationToken on domain ${input.domain}`, async (abortSignal) => {
        const out = await client.send(new GetAuthorizationTokenCommand(input), { abortSignal });
        if (!out.authorizationToken) throw new Error('the response has no authorizationToken');
        return { token: out.authorizationToken, ...(out.expiration ? { expiration: out.expiration } : {}) };
      }),
    getRepositoryEndpoint: (input) =>
      call(`codeartifact:GetRepositoryEndpoint (${input.format}) on repository ${input.domain}/${input.repository}`, async (abortSignal) => {
        const out = await client.send(new GetRepositoryEndpointCommand({ ...input, format: input.format as PackageFormat }), { abortSignal });
        if (!out.repositoryEndpoint) throw new Error('the response has no repositoryEndpoint');
        return out.repositoryEndpoint;
      }),
  };
}
