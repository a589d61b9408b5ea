/**
 * Every file validator the project has, registered in one place. Importing this module is what makes
 */
import './generic.js';
import './devfile/register.js';
import './workflow/index.js';
