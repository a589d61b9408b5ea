/**
 * Every file validator the project has, registered in one place. Importing this module is what makes
 * `validateText` and `detectKind` know about devfiles, workflows, buildspecs and the rest.
 */
import './generic.js';
import './buildspec/index.js';
import './devfile/register.js';
import './workflow/index.js';
