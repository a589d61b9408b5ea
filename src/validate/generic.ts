import './kinds.js';
import { registerValidator } from './registry.js';

// Plain YAML and JSON files: parsing them (done before any validator runs) is the whole check.
registerValidator({ kind: 'yaml', matches: () => false, validate: () => [] });
registerValidator({ kind: 'json', matches: () => false, validate: () => [] });
