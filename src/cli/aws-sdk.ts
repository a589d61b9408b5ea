import type { AwsClientSettings } from '../aws/client.js';
import type { CodeArtifactApi } from '../aws/codeartifact.js';
import type { CodeBuildApi } from '../aws/codebuild.js';
import type { CodeCatalystApi, CodeCatalystSettings } from '../aws/codecatalyst.js';

/**
 * The one way commands get their AWS clients: the SDK is imported only here, lazily, and only after the SDK's
 * NodeVersionSupportWarning is turned off. That warning (9 lines on stderr before every AWS command on Node < 22)
 * is about the SDK's future releases, not about anything the user can act on in catalyst-gen. @aws-sdk/core
 * skips it when AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED is "true" as a client is created; a value the
 * user set is kept, and no other warning is touched.
 */
export const SDK_NODE_WARNING_ENV = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

export function quietSdkNodeVersionWarning(env: NodeJS.ProcessEnv = process.env): void {
  if (env[SDK_NODE_WARNING_ENV] === undefined) env[SDK_NODE_WARNING_ENV] = 'true';
}

export async function loadCodeArtifactApi(settings: AwsClientSettings): Promise<CodeArtifactApi> {
  quietSdkNodeVersionWarning();
  return (await import('../aws/codeartifact.js')).createCodeArtifactApi(settings);
}

export async function loadCodeBuildApi(settings: AwsClientSettings): Promise<CodeBuildApi> {
  quietSdkNodeVersionWarning();
  return (await import('../aws/codebuild.js')).createCodeBuildApi(settings);
}

export async function loadCodeCatalystApi(settings: CodeCatalystSettings): Promise<CodeCatalystApi> {
  quietSdkNodeVersionWarning();
  return (await import('../aws/codecatalyst.js')).createCodeCatalystApi(settings);
}
