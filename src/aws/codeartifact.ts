import {
  CodeartifactClient,
  GetAuthorizationTokenCommand,
  GetRepositoryEndpointCommand,
  type PackageFormat,
} from '@aws-sdk/client-codeartifact';
import { mapAwsError, profileInEffect } from './errors.js';

/** What `codeartifact login` needs from CodeArtifact; tests hand in fakes. */
export interface CodeArtifactApi {
  getAuthorizationToken(input: { domain: string; domainOwner?: string; durationSeconds?: number }): Promise<{ token: string; expiration?: Date }>;
  getRepositoryEndpoint(input: { domain: string; domainOwner?: string; repository: string; format: string }): Promise<string>;
}

/** Standard SDK settings: the default credential chain, and `AWS_ENDPOINT_URL[_CODEARTIFACT]` read by the SDK itself. */
export interface AwsClientSettings {
  /** @default - the SDK's chain (AWS_REGION, the profile) */
  readonly region?: string;
  /** @default - AWS_PROFILE, else `default` */
  readonly profile?: string;
  /** @default 3 (the SDK's standard retry mode) */
  readonly maxAttempts?: number;
}

export function createCodeArtifactApi(settings: AwsClientSettings = {}): CodeArtifactApi {
  const client = new CodeartifactClient({
    ...(settings.region ? { region: settings.region } : {}),
    ...(settings.profile ? { profile: settings.profile } : {}),
    ...(settings.maxAttempts ? { maxAttempts: settings.maxAttempts } : {}),
  });
  const ctx = profileInEffect(settings.profile);
  return {
    async getAuthorizationToken(input) {
      try {
        const out = await client.send(new GetAuthorizationTokenCommand(input));
        if (!out.authorizationToken) throw new Error('the response has no authorizationToken');
        return { token: out.authorizationToken, ...(out.expiration ? { expiration: out.expiration } : {}) };
      } catch (e) {
        throw mapAwsError(e, `codeartifact:GetAuthorizationToken on domain ${input.domain}`, ctx);
      }
    },
    async getRepositoryEndpoint(input) {
      try {
        const out = await client.send(new GetRepositoryEndpointCommand({ ...input, format: input.format as PackageFormat }));
        if (!out.repositoryEndpoint) throw new Error('the response has no repositoryEndpoint');
        return out.repositoryEndpoint;
      } catch (e) {
        throw mapAwsError(e, `codeartifact:GetRepositoryEndpoint (${input.format}) on repository ${input.domain}/${input.repository}`, ctx);
      }
    },
  };
}
