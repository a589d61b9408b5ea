import { chmodSync, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { EnvironmentError } from '../errors.js';

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
 * Write a file that holds a token: readable by its owner only (0600), written to a temporary file beside
 * it and renamed into place so a crash never leaves half a file. A symbolic link (dotfile managers) is
 * followed: its target is updated and the link kept.
 */
export function writePrivateFile(path: string, content: string): void {
  try {
    const target = existsSync(path) ? realpathSync(path) : path;
    const dir = dirname(target);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = join(dir, `.${basename(target)}.catalyst-gen-${process.pid}.tmp`);
    try {
      writeFileSync(tmp, content, { encoding: 'utf8', mode: 0o600, flag: 'wx' });
      chmodSync(tmp, 0o600);
      renameSync(tmp, target);
    } catch (e) {
      try {
        unlinkSync(tmp);
      } catch {
        /* nothing staged */
      }
      throw e;
    }
    chmodSync(target, 0o600);
  } catch (e) {
    throw new EnvironmentError(`Cannot write ${path}: ${(e as Error).message}`);
  }
}
