/**
 * Words for YAML's "All mapping items must start at the same column". The parser notices a wrong indentation
 * only where a later line no longer fits, often lines after the line that is wrong: in
 *
 *     phases:
 *       install:
 *         runtime-versions:
 *           nodejs: 16
 *     commands:            <- meant to be under install:, it ends phases:
 *           - npm ci
 *       build:             <- the parser fails here
 *
 * Read from the line the parser stopped at upwards: the first line that is less indented than it, with a line
 * of its own indentation (its sibling) above that, is the line that closed the block early. Without one, the
 * line itself does not line up with the other items of its mapping. Pure, on the text and the 1-based line.
 */
export interface IndentExplanation {
  /** 1-based line and column to report: the line that starts the wrong block. */
  readonly line: number;
  readonly col: number;
  readonly message: string;
  readonly fix: string;
}

interface Line {
  readonly n: number;
  readonly indent: number;
  /** The line's text without its indentation, shortened. */
  readonly text: string;
}

export function explainBadIndent(text: string, errorLine: number): IndentExplanation | undefined {
  const lines = text.split(/\r?\n/);
  const at = (n: number): Line | undefined => {
    const raw = lines[n - 1];
    if (raw === undefined) return undefined;
    const body = raw.trimStart();
    if (body === '' || body.startsWith('#')) return undefined;
    const shown = body.replace(/\s+#.*$/, '');
    return { n, indent: raw.length - body.length, text: shown.length > 40 ? `${shown.slice(0, 37)}...` : shown };
  };
  const err = at(errorLine);
  if (!err) return undefined;

  let closer: Line | undefined;
  let parent: Line | undefined;
  for (let n = errorLine - 1; n >= 1; n--) {
    const l = at(n);
    if (!l || l.indent > err.indent) continue;
    if (l.indent === err.indent) {
      if (closer) return closedEarly(closer, err, l, lines.length, at);
      return undefined;
    }
    if (closer) {
      parent = closer;
      break;
    }
    closer = l;
  }
  parent ??= closer;
  if (!parent) return undefined;
  // No sibling above: this line does not line up with the items of the mapping its parent starts.
  for (let n = parent.n + 1; n < errorLine; n++) {
    const first = at(n);
    if (!first) continue;
    if (first.indent <= parent.indent || first.indent === err.indent) return undefined;
    return {
      line: err.n,
      col: err.indent + 1,
      message: `The file is not valid YAML: line ${err.n} ("${err.text}") starts at column ${err.indent + 1}, but the items of the mapping under line ${parent.n} ("${parent.text}") start at column ${first.indent + 1} (line ${first.n}, "${first.text}"); all items of a mapping must start at the same column.`,
      fix: `Indent line ${err.n} to column ${first.indent + 1}, or line ${first.n} and the lines under it to column ${err.indent + 1}.`,
    };
  }
  return undefined;
}

function closedEarly(closer: Line, err: Line, sibling: Line, count: number, at: (n: number) => Line | undefined): IndentExplanation {
  // Where the closing line belongs: its own children say how deep it is meant to be; a key above it, between its
  // sibling and it, at less than that depth, is one it probably lines up with.
  let child: Line | undefined;
  for (let n = closer.n + 1; n <= count && !child; n++) {
    const l = at(n);
    if (l) child = l;
  }
  let like: Line | undefined;
  if (child && child.indent > closer.indent) {
    for (let n = closer.n - 1; n > sibling.n && !like; n--) {
      const l = at(n);
      if (l && l.indent > closer.indent && l.indent < child.indent && /^[^\s-][^:]*:(\s|$)/.test(l.text)) like = l;
    }
  }
  return {
    line: closer.n,
    col: closer.indent + 1,
    message: `The file is not valid YAML: line ${closer.n} ("${closer.text}") starts at column ${closer.indent + 1}, which ends the block that line ${err.n} ("${err.text}", column ${err.indent + 1}, like "${sibling.text}" on line ${sibling.n}) continues; the parser stops at line ${err.n}: all items of a mapping must start at the same column.`,
    fix: like
      ? `Indent line ${closer.n} to column ${like.indent + 1}, like "${like.text}" on line ${like.n}, keeping the lines under it deeper.`
      : `Indent line ${closer.n} and the lines under it to the block it belongs to.`,
  };
}
