import { homedir } from 'node:os';
import { join } from 'node:path';
import { readTextIfExists } from './read-file.js';

/**
 * Whether a named profile exists in the AWS shared files, found as the SDK finds them (`AWS_CONFIG_FILE`, else
 * `~/.aws/config` with `[profile name]` sections, `[default]` for the default; `AWS_SHARED_CREDENTIALS_FILE`, else
 * `~/.aws/credentials` with `[name]` sections). Used only to explain a credentials failure: the SDK's own error
 * ("Could not load credentials from any providers") does not say that the profile asked for does not exist.
 */
export function findAwsProfile(
  name: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  home: string = homedir(),
): { readonly found: boolean; readonly files: readonly string[] } {
  const config = env['AWS_CONFIG_FILE'] || join(home, '.aws', 'config');
  const credentials = env['AWS_SHARED_CREDENTIALS_FILE'] || join(home, '.aws', 'credentials');
  const sections = (path: string): string[] => {
    let text: string | undefined;
    try {
      text = readTextIfExists(path, 'AWS configuration file');
    } catch {
      return [];
    }
    if (text === undefined) return [];
    return [...text.matchAll(/^\s*\[\s*([^\]]+?)\s*\]\s*$/gm)].map((m) => m[1]!.replace(/\s+/g, ' '));
  };
  const inConfig = sections(config).some((s) => s === `profile ${name}` || (name === 'default' && s === 'default'));
  const inCredentials = sections(credentials).includes(name);
  return { found: inConfig || inCredentials, files: [config, credentials] };
}
