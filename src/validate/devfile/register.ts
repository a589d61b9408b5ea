import { DEVFILE_NAMES, looksLikeDevfile } from '../kinds.js';
import { registerValidator } from '../registry.js';
import { validateDevfileSource } from './validate-devfile.js';

export { DEVFILE_NAMES, looksLikeDevfile };

registerValidator({
  kind: 'devfile',
  looksLike: looksLikeDevfile,
  matches: (path) => (DEVFILE_NAMES as readonly string[]).includes(path.slice(path.lastIndexOf('/') + 1)),
  validate: (source, options) => validateDevfileSource(source, { devfileProfile: options.devfileProfile ?? 'codecatalyst' }),
});
