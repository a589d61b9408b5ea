/**
 * A minimal LSP client over a child's standard input and output (vscode-jsonrpc), for the language server's
 * tests and its benchmark row: start `<node> <args...>`, initialize, open and change documents, and wait for the
 * diagnostics of a given document version.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export interface PublishedDiagnostics {
  readonly uri: string;
  readonly version?: number;
  readonly diagnostics: readonly {
    readonly range: { readonly start: { line: number; character: number }; readonly end: { line: number; character: number } };
    readonly severity?: number;
    readonly code?: string | number;
    readonly message: string;
    readonly data?: unknown;
  }[];
}

export interface LspClient {
  readonly connection: MessageConnection;
  readonly child: ChildProcess;
  /** Resolves with the first diagnostics published for `uri` at `version` (or later). */
  diagnostics(uri: string, version: number): Promise<PublishedDiagnostics>;
  open(uri: string, text: string, version?: number): void;
  change(uri: string, text: string, version: number): void;
  /** shutdown, exit, and the child's exit code. */
  stop(): Promise<number | null>;
}

export async function startLspClient(args: readonly string[], options: { cwd?: string; initializationOptions?: unknown } = {}): Promise<LspClient> {
  const child = spawn(process.execPath, [...args], { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published: PublishedDiagnostics[] = [];
  const waiting: { uri: string; version: number; resolve: (p: PublishedDiagnostics) => void; reject: (e: Error) => void }[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
    published.push(p);
    for (let i = waiting.length - 1; i >= 0; i--) {
      const w = waiting[i]!;
      if (w.uri === p.uri && (p.version ?? 0) >= w.version) {
        waiting.splice(i, 1);
        w.resolve(p);
      }
    }
  });
  connection.listen();
  void exited.then((code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`the language server exited (${code}) while diagnostics were awaited:\n${stderr}`));
  });
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: options.initializationOptions ?? null });
  await connection.sendNotification('initialized', {});
  return {
    connection,
    child,
    diagnostics(uri, version) {
      const hit = published.find((p) => p.uri === uri && (p.version ?? 0) >= version);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => waiting.push({ uri, version, resolve, reject }));
    },
    open(uri, text, version = 1) {
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
    },
    change(uri, text, version) {
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    async stop() {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      const code = await exited;
      connection.dispose();
      return code;
    },
  };
}
