// Copy the data folders the compiled code reads (schemas, templates) next to it, at the same relative depth.
import { cpSync, rmSync } from 'node:fs';

for (const dir of ['schemas', 'templates']) {
  rmSync(`dist/${dir}`, { recursive: true, force: true });
  cpSync(dir, `dist/${dir}`, { recursive: true });
}
