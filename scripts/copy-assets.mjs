// Copy the data folders the compiled code reads (schemas, templates) next to it, at the same relative depth,
// and make the unbundled CLI entry point executable too (tsc writes it 0644): `node dist/src/cli/bin.js` and
// anyone linking to it keep working. The installed command is the bundle, which scripts/bundle.mjs makes
// executable: npm links `catalyst-gen` to it before `prepare` builds it in a fresh clone, so nothing else sets
// the bit.
import { chmodSync, cpSync, rmSync } from 'node:fs';

for (const dir of ['schemas', 'templates']) {
  rmSync(`dist/${dir}`, { recursive: true, force: true });
  cpSync(dir, `dist/${dir}`, { recursive: true });
}
chmodSync('dist/src/cli/bin.js', 0o755);
