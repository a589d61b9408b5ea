import { registerValidator } from '../registry.js';
import { validateDevfileSource } from './validate-devfile.js';

/** The names the devfile library looks for in a folder, in its order of preference. */
export const DEVFILE_NAMES = ['devfile.yaml', '.devfile.yaml', 'devfile.yml', '.devfile.yml'] as const;

registerValidator({
  kind: 'devfile',
  matches: (path) => (DEVFILE_NAMES as readonly string[]).includes(path.slice(path.lastIndexOf('/') + 1)),
  validate: (source, options) => validateDevfileSource(source, { devfileProfile: options.devfileProfile ?? 'codecatalyst' }),
});
