/**
 * Syntax colours for the file view: one pass of a regular expression per language, each match a span with a
 * class. Text nodes only, never HTML. Large files are shown plain.
 */
type Rule = readonly [cls: string, re: RegExp];

const STRING = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/;
const NUMBER = /\b\d+(?:\.\d+)?\b/;

const LANGUAGES: Record<string, readonly Rule[]> = {
  yaml: [['t-comment', /#.*/], ['t-key', /^[ \t-]*[\w./-]+(?=:(\s|$))/m], ['t-string', STRING], ['t-keyword', /\b(?:true|false|null)\b/], ['t-number', NUMBER]],
  json: [['t-key', /"(?:[^"\\\n]|\\.)*"(?=\s*:)/], ['t-string', STRING], ['t-keyword', /\b(?:true|false|null)\b/], ['t-number', NUMBER]],
  ts: [['t-comment', /\/\/.*|\/\*[\s\S]*?\*\//], ['t-string', /`(?:[^`\\]|\\.)*`/], ['t-string', STRING], ['t-keyword', /\b(?:import|export|from|const|let|var|function|return|new|class|extends|if|else|for|of|in|async|await|interface|type|readonly|public|private|true|false|null|undefined)\b/], ['t-number', NUMBER]],
  py: [['t-comment', /#.*/], ['t-string', /"""[\s\S]*?"""/], ['t-string', STRING], ['t-keyword', /\b(?:def|class|import|from|return|if|elif|else|for|in|while|with|as|try|except|raise|None|True|False|and|or|not|async|await)\b/], ['t-number', NUMBER]],
  sh: [['t-comment', /(?:^|\s)#.*/], ['t-string', STRING], ['t-keyword', /\b(?:if|then|else|fi|for|do|done|case|esac|set|export|echo)\b/]],
  md: [['t-key', /^#{1,6} .*/m], ['t-string', /`[^`\n]*`/]],
  diff: [['t-key', /^(?:---|\+\+\+) .*/m], ['t-comment', /^@@.*/m], ['t-added', /^\+.*/m], ['t-removed', /^-.*/m]],
};

const BY_EXTENSION: Record<string, string> = { yaml: 'yaml', yml: 'yaml', json: 'json', ts: 'ts', js: 'ts', mjs: 'ts', py: 'py', sh: 'sh', md: 'md' };

export function languageOf(path: string): string | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  if (ext) return BY_EXTENSION[ext];
  return /(^|\/)(Dockerfile|\.gitignore)$/.test(path) ? 'sh' : undefined;
}

export function highlight(code: HTMLElement, text: string, language: string | undefined): void {
  const rules = language ? LANGUAGES[language] : undefined;
  if (!rules || text.length > 300_000) {
    code.textContent = text;
    return;
  }
  const re = new RegExp(rules.map(([, r]) => `(${r.source})`).join('|'), 'gm');
  const out = document.createDocumentFragment();
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m[0] === '') continue;
    const at = m.index ?? 0;
    if (at > last) out.append(text.slice(last, at));
    // The first group that matched names the rule; its own inner groups are non-capturing.
    const rule = rules[m.slice(1).findIndex((g) => g !== undefined)];
    const span = document.createElement('span');
    span.className = rule?.[0] ?? '';
    span.textContent = m[0];
    out.append(span);
    last = at + m[0].length;
  }
  out.append(text.slice(last));
  code.replaceChildren(out);
}
