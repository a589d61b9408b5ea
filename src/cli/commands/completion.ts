import type { Command } from 'commander';
import type { Output } from '../output.js';

/**
 * `catalyst-gen completion bash|zsh|fish`: a completion script for the shell, made from the command definitions
 * themselves (commander's), so it knows every command, subcommand, option and choice the CLI has and cannot fall
 * behind it. Values without a fixed set of choices (paths, blueprints, names) complete as file names.
 */
export function runCompletion(shell: string, program: Command, o: Output): void {
  const tree = commandTree(program);
  o.out(shell === 'bash' ? bashScript(tree) : shell === 'zsh' ? zshScript(tree) : fishScript(tree));
}

interface OptionSpec {
  readonly flags: readonly string[];
  readonly description: string;
  /** Whether it takes a value. */
  readonly value: boolean;
  readonly choices?: readonly string[];
}

interface CommandSpec {
  /** Subcommand names from the top, e.g. `['codebuild', 'sync']`; `[]` for the program. */
  readonly path: readonly string[];
  readonly description: string;
  readonly options: readonly OptionSpec[];
  readonly subcommands: readonly CommandSpec[];
  /** Choices of its first argument, when it has a fixed set. */
  readonly argumentChoices?: readonly string[];
}

const HELP: OptionSpec = { flags: ['-h', '--help'], description: 'display help', value: false };

function commandTree(cmd: Command, path: readonly string[] = []): CommandSpec {
  const options: OptionSpec[] = cmd.options
    .filter((opt) => !opt.hidden)
    .map((opt) => ({
      flags: [opt.short, opt.long].filter((f): f is string => typeof f === 'string'),
      description: opt.description,
      value: opt.required || opt.optional,
      ...(opt.argChoices ? { choices: opt.argChoices } : {}),
    }));
  const first = cmd.registeredArguments[0];
  return {
    path,
    description: cmd.description(),
    options: [...options, HELP],
    subcommands: cmd.commands.map((c) => commandTree(c, [...path, c.name()])),
    ...(first?.argChoices ? { argumentChoices: first.argChoices } : {}),
  };
}

function all(tree: CommandSpec): CommandSpec[] {
  return [tree, ...tree.subcommands.flatMap(all)];
}

/** The first sentence of a description, for the one-line descriptions zsh and fish show. */
function brief(text: string): string {
  // "e.g." ends no sentence.
  const masked = text.replace(/\be\.g\./g, 'e\u0000g\u0000');
  const first = (/^(.*?[.!?])(\s|$)/.exec(masked)?.[1] ?? masked).replace(/\.$/, '').replace(/\u0000/g, '.');
  return first.length > 80 ? `${first.slice(0, 77)}...` : first;
}

/** A single-quoted shell word (bash, zsh and fish read `'...'` alike, apart from escapes inside, which we avoid). */
function sq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** fish: inside single quotes only `\\` and `\'` are escapes. */
function fishQuote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const key = (path: readonly string[]) => path.join('/');

/** The `case` patterns that step from a command to a subcommand: `"/codebuild"`, `"codebuild/sync"`, ... */
function transitions(tree: CommandSpec): string {
  return all(tree)
    .filter((c) => c.path.length > 0)
    .map((c) => `"${key(c.path.slice(0, -1))}/${c.path[c.path.length - 1]}"`)
    .join('|');
}

/**
 * The arms of `case "$cmdpath $prev"` (bash, zsh) for the options that take a value: `complete` gives the shell
 * code that completes it from the option's choices, or any value when it has none.
 */
function valueCases(commands: readonly CommandSpec[], complete: (choices: readonly string[] | undefined) => string): string {
  return commands
    .flatMap((c) => c.options.filter((opt) => opt.value).map((opt) => `    ${opt.flags.map((f) => `"${key(c.path)} ${f}"`).join('|')}) ${complete(opt.choices)} ;;`))
    .join('\n');
}

function bashScript(tree: CommandSpec): string {
  const commands = all(tree);
  const values = valueCases(commands, (choices) => (choices ? `mapfile -t COMPREPLY < <(compgen -W ${sq(choices.join(' '))} -- "$cur"); return` : 'return'));
  const wordCases = commands.map((c) => {
    const words = c.subcommands.length > 0 ? c.subcommands.map((s) => s.path[s.path.length - 1]!) : (c.argumentChoices ?? []);
    const opts = c.options.flatMap((opt) => opt.flags);
    return `    "${key(c.path)}") words=${sq(words.join(' '))}; opts=${sq(opts.join(' '))} ;;`;
  });
  return `# catalyst-gen completion for bash. Load it in ~/.bashrc with:
#   source <(catalyst-gen completion bash)
_catalyst_gen() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  COMPREPLY=()
  local cmdpath="" word="" words="" opts="" i
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    case "$cmdpath/$word" in
      ${transitions(tree)}) cmdpath="\${cmdpath:+$cmdpath/}$word" ;;
    esac
  done
  case "$cmdpath $prev" in
${values}
  esac
  case "$cmdpath" in
${wordCases.join('\n')}
  esac
  if [[ "$cur" == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
  elif [[ -n "$words" ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
  fi
}
complete -o default -F _catalyst_gen catalyst-gen
`;
}

function zshScript(tree: CommandSpec): string {
  const commands = all(tree);
  const item = (name: string, description: string) => sq(`${name.replace(/:/g, '\\:')}:${brief(description)}`);
  const values = valueCases(commands, (choices) => (choices ? `compadd -- ${choices.map(sq).join(' ')}; return` : '_files; return'));
  const wordCases = commands.map((c) => {
    const words = c.subcommands.length > 0 ? c.subcommands.map((s) => item(s.path[s.path.length - 1]!, s.description)) : (c.argumentChoices ?? []).map((w) => item(w, ''));
    const opts = c.options.flatMap((opt) => opt.flags.map((f) => item(f, opt.description)));
    return `    "${key(c.path)}") cands=(${words.join(' ')}); opts=(${opts.join(' ')}) ;;`;
  });
  return `#compdef catalyst-gen
# catalyst-gen completion for zsh. Save it as _catalyst-gen in a folder of $fpath, or load it in ~/.zshrc with:
#   source <(catalyst-gen completion zsh)
_catalyst_gen() {
  local cmdpath="" word="" cur="\${words[CURRENT]}" prev="\${words[CURRENT-1]}" i
  local -a opts
  for ((i = 2; i < CURRENT; i++)); do
    word="\${words[i]}"
    case "$cmdpath/$word" in
      ${transitions(tree)}) cmdpath="\${cmdpath:+$cmdpath/}$word" ;;
    esac
  done
  case "$cmdpath $prev" in
${values}
  esac
  local -a cands
  case "$cmdpath" in
${wordCases.join('\n')}
  esac
  if [[ "$cur" == -* ]]; then
    _describe -t options 'option' opts
  elif (( \${#cands} > 0 )); then
    _describe -t commands 'command' cands
  else
    _files
  fi
}
if [[ "\${zsh_eval_context[-1]}" == loadautofunc ]]; then
  _catalyst_gen "$@"
else
  compdef _catalyst_gen catalyst-gen
fi
`;
}

function fishScript(tree: CommandSpec): string {
  const lines = ['# catalyst-gen completion for fish. Save it as ~/.config/fish/completions/catalyst-gen.fish, or run:', '#   catalyst-gen completion fish | source', 'complete -c catalyst-gen -f'];
  const condition = (c: CommandSpec) => {
    if (c.path.length === 0) return '__fish_use_subcommand';
    const parts = c.path.map((p) => `__fish_seen_subcommand_from ${p}`);
    const sub = c.subcommands.map((s) => s.path[s.path.length - 1]!);
    if (sub.length > 0) parts.push(`not __fish_seen_subcommand_from ${sub.join(' ')}`);
    return parts.join('; and ');
  };
  for (const c of all(tree)) {
    const when = `-n ${fishQuote(condition(c))}`;
    for (const s of c.subcommands) lines.push(`complete -c catalyst-gen ${when} -a ${fishQuote(s.path[s.path.length - 1]!)} -d ${fishQuote(brief(s.description))}`);
    if (c.argumentChoices) lines.push(`complete -c catalyst-gen ${when} -a ${fishQuote(c.argumentChoices.join(' '))}`);
    else if (c.subcommands.length === 0 && c.path.length > 0) lines.push(`complete -c catalyst-gen ${when} -F`);
    for (const opt of c.options) {
      const names = opt.flags.map((f) => (f.startsWith('--') ? `-l ${f.slice(2)}` : `-s ${f.slice(1)}`)).join(' ');
      const value = !opt.value ? '' : opt.choices ? ` -x -a ${fishQuote(opt.choices.join(' '))}` : ' -r -F';
      lines.push(`complete -c catalyst-gen ${when} ${names}${value} -d ${fishQuote(brief(opt.description))}`);
    }
  }
  return lines.join('\n') + '\n';
}
