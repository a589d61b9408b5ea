import { UsageError } from '../../errors.js';

/**
 * `catalyst-gen lsp --stdio`: the language server on standard input and output (see "Editors" in the README).
 * Its modules, and vscode-languageserver, are loaded only here. Nothing else may write to standard output while
 * it runs: that stream carries the protocol.
 */
export async function runLsp(flags: { readonly stdio?: boolean }): Promise<void> {
  if (!flags.stdio) throw new UsageError('The language server talks over standard input and output: run "catalyst-gen lsp --stdio" (the command your editor starts).');
  const { startLanguageServer } = await import('../../lsp/server.js');
  await startLanguageServer(process.stdin, process.stdout);
}
