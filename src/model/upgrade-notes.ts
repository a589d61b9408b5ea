import semver from 'semver';

/**
 * The upgrade notes `update` must show when a project made with blueprint version `from` is updated to `to`:
 * every note of a version after `from`, up to and including `to`, oldest first. A project updated across
 * several releases hears about each of them; one already at `to` (or going back to an older version) hears
 * nothing. Versions that are not semver are not compared: nothing is said rather than something wrong.
 */
export function upgradeNotesBetween(notes: Readonly<Record<string, string>> | undefined, from: string, to: string): { version: string; note: string }[] {
  if (!notes || !semver.valid(from) || !semver.valid(to)) return [];
  return Object.entries(notes)
    .filter(([v]) => semver.valid(v) && semver.gt(v, from) && semver.lte(v, to))
    .sort(([a], [b]) => semver.compare(a, b))
    .map(([version, note]) => ({ version, note }));
}
