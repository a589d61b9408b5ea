/**
 * Every file validator the project has, loaded eagerly. Importing this module is what makes `validateText`
 * (from `file.ts`) able to validate devfiles, workflows, buildspecs and the rest at once; `kinds.ts` alone
 * knows the kinds and loads each validator on demand (`loadValidators`).
 */
import './kinds.js';
import './generic.js';
import './buildspec/index.js';
import './devfile/register.js';
import './workflow/index.js';

export { loadValidators } from './registry.js';
