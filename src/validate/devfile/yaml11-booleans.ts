import { toPointer, type Diagnostic } from '../../model/diagnostic.js';
import type { SourceFile } from '../source.js';
import { walkStrings } from '../walk-strings.js';

/**
 * `value: yes` is the string "yes" to catalyst-gen, the devfile JSON schema and every YAML 1.2 reader, but the
 * devfile tooling reads devfiles in Go with sigs.k8s.io/yaml, whose YAML 1.1 reader turns plain y, yes, on (and
 * n, no, off, in their three spellings) into booleans: an env value `NO` becomes `false`, or fails to load where
 * a string must be. Only the plain spelling is ambiguous, so this looks at the text: a quoted or tagged value
 * says what it is. `true`/`false` (and `True`, `FALSE`...) are booleans for both readers, so they are not here.
 */
const YAML11_BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON'].map((w) => [w, true] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF'].map((w) => [w, false] as const),
]);

const DEVFILE_YAML11_BOOLEAN = 'DEVFILE-YAML11-BOOLEAN';

/** A warning at each plain string value that a YAML 1.1 reader takes for a boolean. */
export function yaml11BooleanDiagnostics(source: SourceFile): Diagnostic[] {
  const hits: { word: string; pointer: string }[] = [];
  walkStrings(source.value, (s, path) => {
    if (YAML11_BOOLEANS.has(s)) hits.push({ word: s, pointer: toPointer(path) });
  });
  if (hits.length === 0) return [];
  const lines = source.text.split(/\r?\n/);
  const out: Diagnostic[] = [];
  for (const { word, pointer } of hits) {
    const pos = source.locate(pointer);
    const line = pos ? lines[pos.line - 1] : undefined;
    if (!pos || line === undefined) continue; // no position, no way to tell how it is written
    const first = line[pos.col - 1];
    if (first === '"' || first === "'" || /!\S*\s+$/.test(line.slice(0, pos.col - 1))) continue; // quoted or tagged
    const bool = YAML11_BOOLEANS.get(word)!;
    out.push({
      code: DEVFILE_YAML11_BOOLEAN,
      severity: 'warning',
      message: `Plain ${word} is the string "${word}" here (YAML 1.2), but the Go YAML reader of the devfile tooling (YAML 1.1) reads it as the boolean ${bool}, so Dev Environments may see ${bool} or refuse the devfile.`,
      fix: `Quote it: "${word}" (or write ${bool} if a boolean is meant).`,
      file: source.file,
      pointer,
      ...pos,
    });
  }
  return out;
}
