import { lstatSync } from 'node:fs';
import { UsageError } from '../../errors.js';
import {
  editDevfileAddCommand,
  editDevfileAddEnv,
  editDevfileAddSidecar,
  editDevfileSetImage,
  type DevfileEditResult,
} from '../../edit/devfile.js';
import { dirname, resolve } from 'node:path';
import { removeLeftoverTemps, writeFileAtomic } from '../../io/atomic-write.js';
import { lockProject } from '../../io/project-lock.js';
import { decodeUserText, readUserFile, startsWithBom } from '../../io/read-file.js';
import { formatDiagnosticsText } from '../../validate/format.js';
import { paint, type Output } from '../output.js';

export interface DevfileFlags {
  readonly file: string;
  readonly devfileProfile: 'codecatalyst' | 'generic';
  readonly component?: string;
}

export type DevfileEditCommand =
  | { readonly kind: 'add-env'; readonly assignment: string }
  | { readonly kind: 'add-sidecar'; readonly sidecar: string }
  | { readonly kind: 'add-command'; readonly id: string; readonly run: string; readonly postStart: boolean }
  | { readonly kind: 'set-image'; readonly image: string };

/**
 * `catalyst-gen devfile <edit>`: read the devfile, edit it (pure, validated), write it back atomically, holding
 * the lock of the folder it is in (an `update` there also changes it).
 */
export async function runDevfileEdit(cmd: DevfileEditCommand, flags: DevfileFlags, o: Output): Promise<void> {
  const file = flags.file;
  if (!pathExists(file)) throw new UsageError(`There is no ${file}; run this in the repository root or name the devfile with --file.`);
  const release = await lockProject(dirname(file), `devfile ${cmd.kind}`);
  try {
    editLocked(cmd, flags, o);
  } finally {
    release();
  }
}

function editLocked(cmd: DevfileEditCommand, flags: DevfileFlags, o: Output): void {
  const file = flags.file;
  removeLeftoverTemps(dirname(resolve(file)));
  // A byte-order mark is kept: edited without it, written back with it.
  const bytes = readUserFile(file, 'devfile');
  const bom = startsWithBom(bytes);
  const text = decodeUserText(bytes, file, 'devfile');
  const common = { file, devfileProfile: flags.devfileProfile, ...(flags.component !== undefined ? { component: flags.component } : {}) };
  let result: DevfileEditResult;
  switch (cmd.kind) {
    case 'add-env': {
      const eq = cmd.assignment.indexOf('=');
      if (eq <= 0) throw new UsageError(`"${cmd.assignment}" is not NAME=VALUE (e.g. DEBUG=1; an empty value is NAME=). ${file} was not changed.`);
      result = editDevfileAddEnv(text, { ...common, name: cmd.assignment.slice(0, eq), value: cmd.assignment.slice(eq + 1) });
      break;
    }
    case 'add-sidecar':
      result = editDevfileAddSidecar(text, { file, devfileProfile: flags.devfileProfile, sidecar: cmd.sidecar });
      break;
    case 'add-command':
      result = editDevfileAddCommand(text, { ...common, id: cmd.id, commandLine: cmd.run, postStart: cmd.postStart });
      break;
    case 'set-image':
      result = editDevfileSetImage(text, { ...common, image: cmd.image });
      break;
  }
  if (!result.changed) {
    o.out(`${file} already says that; nothing to change.`);
  } else {
    writeFileAtomic(file, bom ? `\uFEFF${result.text}` : result.text);
    for (const line of result.summary) o.out(`${paint(o, 'green', 'updated')} ${file}: ${line}`);
    o.out('Restart the Dev Environment for the change to take effect.');
  }
  if (result.diagnostics.length > 0) o.err(formatDiagnosticsText(result.diagnostics, { sources: new Map([[file, result.text]]), color: o.color }));
}

/** Whether anything (a file, a folder, even a broken link) is at the path; errors other than "not there" count as there. */
function pathExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code !== 'ENOENT' && code !== 'ENOTDIR';
  }
}
