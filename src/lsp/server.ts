import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  CompletionItemKind,
  createConnection,
  DiagnosticSeverity,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic as LspDiagnostic,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from '../model/diagnostic.js';
import { readSchema } from '../validate/schemas.js';
import type { ValidateOptions } from '../validate/registry.js';
import { analyzeDocument, quickFix, type Analysis } from './analysis.js';
import { completions, hover } from './features.js';

/**
 * `catalyst-gen lsp --stdio`: the language server. Every open devfile, workflow and buildspec is checked on each
 * change with the validators `validate` runs (`analyzeDocument`), so the editor shows exactly what the command
 * line says; hovers and completion read the schemas and the aws/ action list; safe quick fixes replace one
 * scalar with the text a finding names. Full-text sync: these files are small, and re-validating the whole
 * file is what gives `validate`'s answer.
 */
export interface LspSettings extends ValidateOptions {}

export function startLanguageServer(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<void> {
  const connection = createConnection(new StreamMessageReader(input), new StreamMessageWriter(output));
  // The library ends the process after the client's `exit` notification, or when the client's process or the
  // input stream goes away (LSP's rules); the promise settles first, for the command's sake.
  const done = new Promise<void>((resolve) => connection.onExit(() => resolve()));
  serve(connection);
  connection.listen();
  return done;
}

function serve(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const state = new Map<string, { analysis: Analysis; lastValue?: unknown }>();
  let settings: LspSettings = {};

  connection.onInitialize((params) => {
    const o = params.initializationOptions as Partial<LspSettings> | undefined;
    settings = {
      ...(o?.devfileProfile === 'generic' || o?.devfileProfile === 'codecatalyst' ? { devfileProfile: o.devfileProfile } : {}),
      ...(typeof o?.buildImage === 'string' && o.buildImage !== '' ? { buildImage: o.buildImage } : {}),
    };
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Full,
        hoverProvider: true,
        completionProvider: { triggerCharacters: [':', ' ', '[', ',', '/', '@'] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'catalyst-gen' },
    };
  });

  const check = (doc: TextDocument) => {
    const analysis = analyzeDocument(pathOf(doc.uri), doc.getText(), settings);
    const previous = state.get(doc.uri);
    state.set(doc.uri, { analysis, lastValue: analysis.value ?? previous?.lastValue });
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: analysis.diagnostics.map((d) => toLsp(d, doc)) });
  };
  documents.onDidOpen((e) => check(e.document));
  documents.onDidChangeContent((e) => check(e.document));
  documents.onDidClose((e) => {
    state.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  const featureInput = (uri: string, position: { line: number; character: number }) => {
    const doc = documents.get(uri);
    const s = state.get(uri);
    const kind = s?.analysis.kind;
    if (!doc || !s || !kind) return undefined;
    return { doc, input: { kind, text: doc.getText(), offset: doc.offsetAt(position), schema: readSchema(kind), lastValue: s.lastValue } };
  };

  connection.onHover((p) => {
    const f = featureInput(p.textDocument.uri, p.position);
    const h = f && hover(f.input);
    if (!f || !h) return null;
    return { contents: { kind: 'markdown', value: h.markdown }, range: { start: f.doc.positionAt(h.from), end: f.doc.positionAt(h.to) } };
  });

  connection.onCompletion((p) => {
    const f = featureInput(p.textDocument.uri, p.position);
    if (!f) return [];
    const range = (from: number) => ({ start: f.doc.positionAt(from), end: p.position });
    return completions(f.input).map((s, i) => ({
      label: s.label,
      kind: s.kind === 'action' ? CompletionItemKind.Module : s.kind === 'reference' ? CompletionItemKind.Reference : CompletionItemKind.EnumMember,
      ...(s.detail ? { detail: s.detail } : {}),
      sortText: String(i).padStart(4, '0'),
      textEdit: { range: range(s.from), newText: s.label },
    }));
  });

  connection.onCodeAction((p) => {
    const doc = documents.get(p.textDocument.uri);
    if (!doc) return [];
    return p.context.diagnostics.flatMap((d) => {
      const data = d.data as { fix?: string } | undefined;
      const fix = quickFix({ code: String(d.code), ...(data?.fix ? { fix: data.fix } : {}) }, doc.getText(d.range));
      if (!fix) return [];
      return [{ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit: { changes: { [doc.uri]: [{ range: d.range, newText: fix.newText }] } } }];
    });
  });

  documents.listen(connection);
}

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/** A finding as the editor shows it: 0-based range (to the end of the line when the finding has no end), the fix beside the message. */
function toLsp(d: Diagnostic, doc: TextDocument): LspDiagnostic {
  const line = Math.max(0, (d.line ?? 1) - 1);
  const character = Math.max(0, (d.col ?? 1) - 1);
  const lineEnd = doc.offsetAt({ line: line + 1, character: 0 }) - doc.offsetAt({ line, character: 0 });
  const end = d.endLine !== undefined && d.endCol !== undefined ? { line: d.endLine - 1, character: d.endCol - 1 } : { line, character: Math.max(character + 1, lineEnd - 1) };
  return {
    range: { start: { line, character }, end },
    severity: SEVERITY[d.severity],
    code: d.code,
    source: 'catalyst-gen',
    message: d.fix ? `${d.message}\n${d.fix}` : d.message,
    ...(d.fix ? { data: { fix: d.fix } } : {}),
  };
}

/** The path the validators judge the kind by: the file's path for file URIs, the URI's path otherwise. */
function pathOf(uri: string): string {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri).split('\\').join('/') : new URL(uri).pathname;
  } catch {
    return uri;
  }
}
