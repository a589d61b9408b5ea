import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EnvironmentError } from '../errors.js';
import { writeFileAtomic } from './atomic-write.js';

/** Where the package tools keep their user configuration, as they look it up. */
export function packageConfigPaths(home: string, env: Readonly<Record<string, string | undefined>>): { npmrc: string; pipConf: string; pypirc: string } {
  return {
    npmrc: env['NPM_CONFIG_USERCONFIG'] || env['npm_config_userconfig'] || join(home, '.npmrc'),
    pipConf: env['PIP_CONFIG_FILE'] || join(env['XDG_CONFIG_HOME'] || join(home, '.config'), 'pip', 'pip.conf'),
    pypirc: join(home, '.pypirc'),
  };
}

/** Current text of a configuration file; empty when it does not exist. */
export function readConfigFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw new EnvironmentError(`Cannot read ${path}: ${(e as Error).message}`);
  }
}

/**
 * Write a file that holds a token: readable by its owner only (0600), written atomically (see atomic-write.ts).
 * A symbolic link (dotfile managers) is followed: its target is updated and the link kept.
 */
export function writePrivateFile(path: string, content: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new EnvironmentError(`Cannot write ${path}: ${(e as Error).message}`, { cause: e });
  }
  writeFileAtomic(path, content, { secret: true });
}
