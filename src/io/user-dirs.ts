import { homedir } from 'node:os';
import { join } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Where catalyst-gen keeps what it can always make again: compiled blueprint code and packages installed on
 * demand. `CATALYST_GEN_CACHE_DIR`, else `$XDG_CACHE_HOME/catalyst-gen`, else `~/.cache/catalyst-gen`.
 */
export function cacheDir(env: Env = process.env, home: string = homedir()): string {
  return env['CATALYST_GEN_CACHE_DIR'] || join(env['XDG_CACHE_HOME'] || join(home, '.cache'), 'catalyst-gen');
}

/** The user's catalogue file: `$XDG_CONFIG_HOME/catalyst-gen/config.yaml`, else `~/.config/catalyst-gen/config.yaml`. */
export function userConfigFile(env: Env = process.env, home: string = homedir()): string {
  return join(env['XDG_CONFIG_HOME'] || join(home, '.config'), 'catalyst-gen', 'config.yaml');
}
