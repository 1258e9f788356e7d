/**
 * `kqlx completion bash|zsh|fish`: shell completion scripts generated from the command tree itself,
 * so every command, option and choice the CLI has is completed, and none it lacks.
 * Options that take a file complete file names; options with choices complete their choices.
 */
import type { Command, Option } from 'commander';

interface OptionInfo {
  flags: string[];
  takesValue: boolean;
  choices: readonly string[];
  description: string;
}

interface CommandInfo {
  name: string;
  description: string;
  options: OptionInfo[];
  /** Choices of the first argument (completion's shell), or none: the arguments are files. */
  argumentChoices: readonly string[];
}

function optionInfo(o: Option): OptionInfo {
  return {
    flags: [o.short, o.long].filter((f): f is string => f !== undefined),
    takesValue: o.required || o.optional,
    choices: o.argChoices ?? [],
    description: o.description,
  };
}

function commandInfos(program: Command): CommandInfo[] {
  return program.commands.map((c) => ({
    name: c.name(),
    description: c.description(),
    options: [...c.options.map(optionInfo), { flags: ['-h', '--help'], takesValue: false, choices: [], description: 'display help for command' }],
    argumentChoices: c.registeredArguments[0]?.argChoices ?? [],
  }));
}

const words = (xs: readonly string[]) => xs.join(' ');
const quoteSingle = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

function bash(commands: CommandInfo[]): string {
  const cases = commands.map((c) => {
    const valued = c.options.filter((o) => o.takesValue);
    const choiceCases = valued
      .filter((o) => o.choices.length)
      .map((o) => `        ${o.flags.join('|')}) COMPREPLY=($(compgen -W "${words(o.choices)}" -- "$cur")); return ;;`);
    const fileFlags = valued.filter((o) => !o.choices.length).flatMap((o) => o.flags);
    return [
      `    ${c.name})`,
      `      case "$prev" in`,
      ...choiceCases,
      ...(fileFlags.length ? [`        ${fileFlags.join('|')}) COMPREPLY=($(compgen -f -- "$cur")); return ;;`] : []),
      `      esac`,
      `      if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "${words(c.options.flatMap((o) => o.flags))}" -- "$cur"))`,
      c.argumentChoices.length
        ? `      else COMPREPLY=($(compgen -W "${words(c.argumentChoices)}" -- "$cur")); fi ;;`
        : `      else COMPREPLY=($(compgen -f -- "$cur")); fi ;;`,
    ].join('\n');
  });
  return `# kqlx completion for bash: source <(kqlx completion bash)
_kqlx() {
  local cur prev cmd i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  cmd=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in -*) ;; *) cmd="\${COMP_WORDS[i]}"; break ;; esac
  done
  case "$cmd" in
    "") COMPREPLY=($(compgen -W "${words(commands.map((c) => c.name))} --help --version" -- "$cur")) ;;
${cases.join('\n')}
  esac
}
complete -o filenames -F _kqlx kqlx
`;
}

function zsh(commands: CommandInfo[]): string {
  const spec = (o: OptionInfo) => {
    const value = !o.takesValue ? '' : o.choices.length ? `:value:(${words(o.choices)})` : ':file:_files';
    const desc = `[${o.description.replace(/[[\]'\\:]/g, ' ')}]`;
    if (o.flags.length === 1) return quoteSingle(`${o.flags[0]}${desc}${value}`);
    return quoteSingle(`(${words(o.flags)})`) + `{${o.flags.join(',')}}` + quoteSingle(`${desc}${value}`);
  };
  const cases = commands.map((c) => {
    const rest = c.argumentChoices.length ? quoteSingle(`1:shell:(${words(c.argumentChoices)})`) : quoteSingle('*:file:_files');
    return `    ${c.name}) _arguments -s ${c.options.map(spec).join(' ')} ${rest} ;;`;
  });
  const described = commands.map((c) => quoteSingle(`${c.name}:${c.description.replace(/:/g, ' ')}`));
  return `#compdef kqlx
# kqlx completion for zsh: kqlx completion zsh > "\${fpath[1]}/_kqlx"
_kqlx() {
  local line state
  _arguments -C '(- *)'{-V,--version}'[print the kqlx version]' '(- *)'{-h,--help}'[display help]' '1:command:->command' '*::arg:->args'
  case $state in
    command) local -a cmds; cmds=(${described.join(' ')}); _describe command cmds ;;
    args)
      case $line[1] in
${cases.join('\n')}
      esac ;;
  esac
}
compdef _kqlx kqlx
`;
}

function fish(commands: CommandInfo[]): string {
  const lines = [
    '# kqlx completion for fish: kqlx completion fish > ~/.config/fish/completions/kqlx.fish',
    'complete -c kqlx -f',
    `complete -c kqlx -n __fish_use_subcommand -s V -l version -d ${quoteSingle('print the kqlx version')}`,
  ];
  for (const c of commands) {
    lines.push(`complete -c kqlx -n __fish_use_subcommand -a ${c.name} -d ${quoteSingle(c.description)}`);
    const when = `-n '__fish_seen_subcommand_from ${c.name}'`;
    if (c.argumentChoices.length) lines.push(`complete -c kqlx ${when} -a ${quoteSingle(words(c.argumentChoices))}`);
    else lines.push(`complete -c kqlx ${when} -F`);
    for (const o of c.options) {
      const flags = o.flags.map((f) => (f.startsWith('--') ? `-l ${f.slice(2)}` : `-s ${f.slice(1)}`)).join(' ');
      const value = !o.takesValue ? '' : o.choices.length ? ` -x -a ${quoteSingle(words(o.choices))}` : ' -r -F';
      lines.push(`complete -c kqlx ${when} ${flags}${value} -d ${quoteSingle(o.description)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export function completionScript(program: Command, shell: 'bash' | 'zsh' | 'fish'): string {
  const commands = commandInfos(program).filter((c) => c.name !== 'help');
  return shell === 'bash' ? bash(commands) : shell === 'zsh' ? zsh(commands) : fish(commands);
}
