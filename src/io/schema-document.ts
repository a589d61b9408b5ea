import { readSchema } from '../validate/schemas.js';
import { lenientWorkflowSchema } from '../validate/workflow/lenient-schema.js';

/**
 * A schema this project owns, as editors get it: what `catalyst-gen schema <name> [--lenient]` prints and what
 * generated projects carry in `.vscode/schemas/`. One function for both, so the two cannot differ. `lenient` is
 * for the workflow schema only (the caller checks): the canonical schema widened to the spellings the service
 * accepts and `validate` only warns about.
 */
export function schemaDocument(name: string, lenient = false): Record<string, unknown> {
  return lenient ? lenientWorkflowSchema(readSchema(name)) : readSchema(name);
}
