import { createRequire } from 'node:module';

/** The package version, read from package.json (two levels up from src/cli and from dist/src/cli alike). */
export function toolVersion(): string {
  const req = createRequire(import.meta.url);
  for (const p of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = req(p) as { name?: string; version?: string };
      if (pkg.name === 'catalyst-gen' && pkg.version) return pkg.version;
    } catch {
      /* try the next candidate */
    }
  }
  return '0.0.0';
}
