import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, parseDocument, visit, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { isYaml11Ambiguous, YAML_OUTPUT_OPTIONS } from '../render/serialize.js';
import { toPointer, type Diagnostic } from '../model/diagnostic.js';
import { parseYamlSource } from '../validate/source.js';
import { diff3 } from './merge3.js';
import { detectYamlStyle, keepUntouchedLines as replayOntoOriginal } from './yaml-document.js';
import { isRecord } from '../model/values.js';

/**
 * Apply the blueprint's changes (base -> theirs) to the user's YAML (ours) as edits of ours' Document, so the
 * user's comments, blank lines, key order and additions stay where they are. Each difference between base and
 * theirs becomes one edit at the mapping level:
 * - a key the blueprint added is inserted after the key that precedes it in theirs;
 * - a key it removed is deleted, if the user left that value as generated;
 * - a value it changed is set, if the user left it as generated (a scalar keeps its style and comment);
 * - lists of named items (`name`, else `id`: devfile components, env, commands) are matched item by item, so
 *   an env variable the user added survives the blueprint adding its own; other lists (steps, triggers) are
 *   merged like lines, by value.
 * Where the user changed the same value differently, nothing is guessed: the result lists the conflicts.
 */
export type YamlMergeResult =
  | { readonly ok: true; readonly text: string; readonly changed: boolean }
  | { readonly ok: false; readonly reason: 'unparseable'; readonly message: string }
  | { readonly ok: false; readonly reason: 'conflict'; readonly conflicts: readonly YamlConflict[] };

export interface YamlConflict {
  /** JSON pointer into the user's document. */
  readonly pointer: string;
  readonly message: string;
  /** The user's value there (undefined: the user removed it). */
  readonly ours?: unknown;
  /** The blueprint's new value there (undefined: the blueprint removed it). */
  readonly theirs?: unknown;
}

const ABSENT = Symbol('absent');
type Val = unknown | typeof ABSENT;
type Seg = string | number;

export function mergeYamlEdits(base: string, ours: string, theirs: string): YamlMergeResult {
  const docs: Document[] = [];
  for (const [name, text] of [['the last generated version', base], ['your file', ours], ['the new render', theirs]] as const) {
    const parsed = parseSingle(text);
    if (typeof parsed === 'string') return { ok: false, reason: 'unparseable', message: `${name} cannot be edited: ${parsed}` };
    docs.push(parsed);
  }
  const [baseDoc, oursDoc, theirsDoc] = docs as [Document, Document, Document];
  // Your file as printed before the merge changes it: where replaying the merge onto your text starts.
  const options = { ...YAML_OUTPUT_OPTIONS, ...detectYamlStyle(ours) };
  const restyled = withNewline(oursDoc.toString(options));
  const conflicts: YamlConflict[] = [];
  let changed = false;

  const merge = (path: Seg[], b: Val, tNode: unknown, oNode: unknown, replace: (n: unknown) => void): void => {
    const t = js(tNode);
    const o = js(oNode);
    if (same(b, t) || same(o, t)) return;
    if (same(o, b)) {
      replace(replacement(oNode, tNode));
      changed = true;
      return;
    }
    if (isMap(tNode) && isMap(oNode) && isRecord(b)) return mergeMap(path, b, tNode, oNode);
    if (isSeq(tNode) && isSeq(oNode) && Array.isArray(b)) return mergeSeq(path, b, tNode, oNode);
    conflicts.push({ pointer: toPointer(path), message: b === ABSENT ? 'you and the blueprint both added it, with different values' : 'you and the blueprint both changed it', ours: o, theirs: t });
  };

  const mergeMap = (path: Seg[], b: Record<string, unknown>, tMap: YAMLMap, oMap: YAMLMap): void => {
    const tObj = js(tMap) as Record<string, unknown>;
    const tKeys = Object.keys(tObj);
    const keys = [...tKeys, ...Object.keys(b).filter((k) => !(k in tObj))];
    for (const k of keys) {
      const oObj = js(oMap) as Record<string, unknown>;
      const bk = has(b, k) ? b[k] : ABSENT;
      const tk = has(tObj, k) ? tObj[k] : ABSENT;
      const ok = has(oObj, k) ? oObj[k] : ABSENT;
      if (same(bk, tk)) continue;
      if (tk === ABSENT) {
        if (ok === ABSENT) continue;
        if (same(ok, bk)) {
          oMap.items.splice(oMap.items.indexOf(findPair(oMap, k)!), 1);
          changed = true;
        } else conflicts.push({ pointer: toPointer([...path, k]), message: 'you changed it and the blueprint removed it', ours: ok });
        continue;
      }
      const tPair = findPair(tMap, k)!;
      if (ok === ABSENT) {
        if (bk !== ABSENT) {
          conflicts.push({ pointer: toPointer([...path, k]), message: 'you removed it and the blueprint changed it', theirs: tk });
          continue;
        }
        // Insert where theirs has it: after the nearest preceding key that ours also has, else first.
        const at = tKeys.indexOf(k);
        let index = 0;
        for (let p = at - 1; p >= 0; p--) {
          const prev = findPair(oMap, tKeys[p]!);
          if (prev) {
            index = oMap.items.indexOf(prev) + 1;
            break;
          }
        }
        oMap.items.splice(index, 0, tPair.clone() as Pair<unknown, unknown>);
        changed = true;
        continue;
      }
      const oPair = findPair(oMap, k)!;
      merge([...path, k], bk, tPair.value, oPair.value, (n) => (oPair.value = n));
    }
  };

  const mergeSeq = (path: Seg[], b: unknown[], tSeq: YAMLSeq, oSeq: YAMLSeq): void => {
    const tArr = js(tSeq) as unknown[];
    if (![b, tArr, js(oSeq) as unknown[]].every((list) => list.every((v) => key(v) !== undefined))) return mergeValueSeq(path, b, tSeq, oSeq);
    const bIds = b.map(identity);
    const tIds = tArr.map(identity);
    const oIds = () => (js(oSeq) as unknown[]).map(identity);
    if (!unique(bIds) || !unique(tIds) || !unique(oIds())) {
      conflicts.push({ pointer: toPointer(path), message: 'you and the blueprint both changed this list, and its items cannot be matched one to one', ours: js(oSeq), theirs: tArr });
      return;
    }
    // Removed by the blueprint: drop them where the user left them as generated.
    bIds.forEach((id, bi) => {
      if (tIds.includes(id)) return;
      const oi = oIds().indexOf(id);
      if (oi < 0) return;
      if (same(js(oSeq.items[oi]), b[bi])) {
        oSeq.items.splice(oi, 1);
        changed = true;
      } else conflicts.push({ pointer: toPointer([...path, oi]), message: 'you changed this item and the blueprint removed it', ours: js(oSeq.items[oi]) });
    });
    tIds.forEach((id, ti) => {
      const bi = bIds.indexOf(id);
      const oi = oIds().indexOf(id);
      if (bi >= 0) {
        if (same(b[bi], tArr[ti])) return;
        if (oi < 0) conflicts.push({ pointer: toPointer([...path, ti]), message: 'you removed this item and the blueprint changed it', theirs: tArr[ti] });
        else merge([...path, oi], b[bi], tSeq.items[ti], oSeq.items[oi], (n) => (oSeq.items[oi] = n));
        return;
      }
      if (oi >= 0) {
        merge([...path, oi], ABSENT, tSeq.items[ti], oSeq.items[oi], (n) => (oSeq.items[oi] = n));
        return;
      }
      // A new item: after the nearest preceding item ours also has, else before the nearest following one.
      const now = oIds();
      let index = now.length;
      const prev = tIds.slice(0, ti).reverse().find((x) => now.includes(x));
      if (prev !== undefined) index = now.indexOf(prev) + 1;
      else {
        const next = tIds.slice(ti + 1).find((x) => now.includes(x));
        if (next !== undefined) index = now.indexOf(next);
      }
      oSeq.items.splice(index, 0, cloneNode(tSeq.items[ti]));
      changed = true;
    });
  };

  /**
   * Items without a name or id (workflow steps, triggers, plain strings) are known only by their value, so an
   * edited item looks like a removal plus an addition. Merge them like lines (diff3 over the values): edits at
   * different places combine, edits at the same place conflict instead of keeping both versions.
   */
  const mergeValueSeq = (path: Seg[], b: unknown[], tSeq: YAMLSeq, oSeq: YAMLSeq): void => {
    const tIds = (js(tSeq) as unknown[]).map(canonical);
    const oIds = (js(oSeq) as unknown[]).map(canonical);
    const chunks = diff3(b.map(canonical), oIds, tIds);
    if (chunks.some((c) => c.conflict)) {
      conflicts.push({ pointer: toPointer(path), message: 'you and the blueprint both changed this list at the same place', ours: js(oSeq), theirs: js(tSeq) });
      return;
    }
    const result = chunks.flatMap((c) => (c.conflict ? [] : c.tokens));
    if (result.length === oIds.length && result.every((id, k) => id === oIds[k])) return;
    const used = new Set<number>();
    oSeq.items = result.map((id) => {
      const k = oIds.findIndex((x, n) => x === id && !used.has(n));
      if (k >= 0) {
        used.add(k);
        return oSeq.items[k];
      }
      return cloneNode(tSeq.items[tIds.indexOf(id)]);
    });
    changed = true;
  };

  merge([], baseDoc.toJS(), theirsDoc.contents, oursDoc.contents, (n) => (oursDoc.contents = n as Node));
  if (conflicts.length > 0) return { ok: false, reason: 'conflict', conflicts };
  if (!changed) return { ok: true, text: ours, changed: false };
  return { ok: true, text: replayOntoOriginal(ours, oursDoc.toString(options), options, { restyled, value: oursDoc.toJS() }), changed: true };
}

const withNewline = (t: string) => (t.endsWith('\n') ? t : t + '\n');

/** A single YAML document without errors and without aliases (an edit through an alias would change two places). */
function parseSingle(text: string): Document | string {
  // First the validators' parse, which refuses what a hostile file asks for (deep nesting, alias bombs) with its
  // line, before the Document API, which would recurse or expand.
  const checked = parseYamlSource(text, 'file');
  if (!checked.ok) return describe(checked.diagnostics[0]!);
  const all = parseAllDocuments(text);
  if (!Array.isArray(all)) return 'it is not YAML';
  if (all.length > 1) return 'it holds several YAML documents';
  const doc = all[0] ?? parseDocument(text);
  if (doc.errors.length > 0) return doc.errors[0]!.message.split('\n')[0]!;
  let alias = false;
  visit(doc, { Alias: () => void (alias = true) });
  if (alias) return 'it uses YAML aliases';
  return doc;
}

function replacement(oNode: unknown, tNode: unknown): unknown {
  // A changed scalar keeps the user's style and trailing comment; only its value moves.
  if (isScalar(oNode) && isScalar(tNode)) {
    const n = oNode.clone() as typeof oNode;
    n.value = tNode.value;
    if (typeof tNode.value === 'string' && tNode.value.includes('\n')) n.type = tNode.type;
    // A plain scalar whose new value a YAML 1.1 reader would misread (`yes`, `0755`) takes the render's quotes;
    // a value the render wrote plain on purpose (buildspec `git-credential-helper: yes`) stays plain.
    else if (typeof tNode.value === 'string' && (n.type === undefined || n.type === 'PLAIN') && tNode.type !== 'PLAIN' && isYaml11Ambiguous(tNode.value)) n.type = 'QUOTE_DOUBLE';
    return n;
  }
  const n = cloneNode(tNode);
  if (n && typeof n === 'object' && oNode && typeof oNode === 'object') {
    const from = oNode as { commentBefore?: string | null; comment?: string | null };
    const to = n as { commentBefore?: string | null; comment?: string | null };
    to.commentBefore ??= from.commentBefore ?? null;
    to.comment ??= from.comment ?? null;
  }
  return n;
}

function cloneNode(n: unknown): unknown {
  return n && typeof n === 'object' && 'clone' in n ? (n as { clone(): unknown }).clone() : n;
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isPair(p) && String(isScalar(p.key) ? p.key.value : p.key) === key) as Pair | undefined;
}

function js(n: unknown): unknown {
  if (isAlias(n)) return undefined;
  if (n && typeof n === 'object' && 'toJSON' in n) return (n as { toJSON(): unknown }).toJSON();
  return n ?? null;
}

/** How keyed list items are matched across versions: by `name`, else by `id`. */
function key(v: unknown): string | undefined {
  if (isRecord(v) && typeof v['name'] === 'string') return `name:${v['name']}`;
  if (isRecord(v) && typeof v['id'] === 'string') return `id:${v['id']}`;
  return undefined;
}

function identity(v: unknown): string {
  return key(v)!;
}

function unique(ids: readonly string[]): boolean {
  return new Set(ids).size === ids.length;
}

function same(a: Val, b: Val): boolean {
  if (a === ABSENT || b === ABSENT) return a === b;
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (isRecord(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]])) : x)) ?? 'undefined';
}

function has(o: Record<string, unknown>, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

function describe(d: Diagnostic): string {
  return `line ${d.line ?? 1}: ${d.message}`;
}
