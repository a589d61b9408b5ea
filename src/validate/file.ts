// The validation entry points with every validator loaded, so they can be called at once. Code that validates
// only some kinds imports `file-core.ts` and loads the validators it needs (`loadValidators`).
import './validators.js';

export { validateFileBytes, validateFileMap, validateText, type FileCheck, type FileCheckOptions } from './file-core.js';
