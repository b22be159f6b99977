/**
 * A small POSIX-shell reader for the commands services write in package.json scripts, Procfiles,
 * Dockerfile RUN lines and child_process calls. It splits a command line into simple commands and
 * words with their offsets; it never expands anything, so `$VAR`, `$(…)` and backticks are marked
 * dynamic instead of guessed.
 */

/** Stands for a part of a command built at run time (a template expression, a variable). */
export const DYNAMIC = '\u0000';

export interface ShellWord {
  /** The word with quotes and escapes removed. */
  readonly text: string;
  /** Offsets of the word in the command text, quotes included. */
  readonly start: number;
  readonly end: number;
  /** True when part of the word is only known at run time. */
  readonly dynamic: boolean;
  /** For a dynamic program, what its name says it holds: `npm` for `npmPath`. */
  readonly hint?: string;
}

export interface SimpleCommand {
  readonly words: readonly ShellWord[];
  /** What ends the command: `&&`, `||`, `;`, `|`, `&` (background), a newline, or '' at the end. */
  readonly terminator: string;
  /** Offsets of the terminator, when there is one. */
  readonly terminatorStart?: number;
}

/** Splits a command line into simple commands. Subshell parentheses separate commands like `;`. */
export function parseShell(text: string): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let words: ShellWord[] = [];
  let word = '';
  let wordStart = -1;
  let dynamic = false;

  const endWord = (end: number) => {
    if (wordStart >= 0) words.push({ text: word, start: wordStart, end, dynamic: dynamic || word.includes(DYNAMIC) });
    word = '';
    wordStart = -1;
    dynamic = false;
  };
  const startWord = (at: number) => {
    if (wordStart < 0) wordStart = at;
  };
  const endCommand = (terminator: string, at?: number) => {
    if (words.length > 0) commands.push({ words, terminator, terminatorStart: at });
    words = [];
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && i + 1 < text.length) {
      startWord(i);
      if (text[i + 1] !== '\n') word += text[i + 1];
      i++;
      continue;
    }
    if (ch === "'") {
      startWord(i);
      const close = text.indexOf("'", i + 1);
      const end = close < 0 ? text.length : close;
      word += text.slice(i + 1, end);
      i = end;
      continue;
    }
    if (ch === '"') {
      startWord(i);
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\' && j + 1 < text.length && '"\\$`'.includes(text[j + 1])) {
          word += text[++j];
        } else if (text[j] === '$' || text[j] === '`') {
          dynamic = true;
          word += text[j];
        } else {
          word += text[j];
        }
      }
      i = j;
      continue;
    }
    if (ch === '$' && text[i + 1] === '(') {
      startWord(i);
      const end = matchingParen(text, i + 1);
      word += text.slice(i, end + 1);
      dynamic = true;
      i = end;
      continue;
    }
    if (ch === '`') {
      startWord(i);
      const close = text.indexOf('`', i + 1);
      const end = close < 0 ? text.length : close;
      word += text.slice(i, end + 1);
      dynamic = true;
      i = end;
      continue;
    }
    if (ch === '$') {
      startWord(i);
      word += ch;
      dynamic = true;
      continue;
    }
    if (ch === '#' && wordStart < 0) {
      const close = text.indexOf('\n', i);
      i = (close < 0 ? text.length : close) - 1;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      endWord(i);
      continue;
    }
    // `2>&1`, `>&2` and `&>file` are redirections, not background operators.
    if (ch === '&' && (text[i - 1] === '>' || text[i - 1] === '<' || text[i + 1] === '>')) {
      startWord(i);
      word += ch;
      continue;
    }
    const operator = operatorAt(text, i);
    if (operator) {
      endWord(i);
      endCommand(operator === '(' || operator === ')' ? ';' : operator, i);
      i += operator.length - 1;
      continue;
    }
    startWord(i);
    word += ch;
  }
  endWord(text.length);
  endCommand('');
  return commands;
}

function operatorAt(text: string, i: number): string | undefined {
  const two = text.slice(i, i + 2);
  if (two === '&&' || two === '||') return two;
  const ch = text[i];
  if (ch === ';' || ch === '|' || ch === '&' || ch === '\n' || ch === '(' || ch === ')') return ch;
  return undefined;
}

function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return text.length - 1;
}

/** Commands that run the rest of the line as another command. */
export const WRAPPERS = new Set(['sudo', 'env', 'cross-env', 'cross-env-shell', 'exec', 'time', 'nice', 'ionice', 'command', 'dotenv', 'doppler', 'with-env']);
/** Wrapper flags that take a value. */
const WRAPPER_FLAGS_WITH_VALUE = new Set(['-u', '--user', '-g', '--group', '-n', '-e', '-c', '-C']);

/**
 * Index of the word that names the program: leading `VAR=value` assignments and wrappers such as
 * `sudo`, `env`, `cross-env` and `dotenv --` are skipped. `extraWrappers` adds more (`nohup`).
 */
export function commandIndex(words: readonly ShellWord[], extraWrappers: ReadonlySet<string> = new Set()): number {
  let index = 0;
  while (index < words.length) {
    const text = words[index].text;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(text)) {
      index++;
      continue;
    }
    const name = programName(text);
    if (!WRAPPERS.has(name) && !extraWrappers.has(name)) break;
    index++;
    while (index < words.length && (words[index].text.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[index].text))) {
      const flag = words[index].text;
      index++;
      if (flag === '--') break;
      if (WRAPPER_FLAGS_WITH_VALUE.has(flag)) index++;
    }
  }
  return index;
}

/** `/usr/bin/convert` → `convert`, `ffmpeg.exe` → `ffmpeg`. */
export function programName(word: string): string {
  return word.replace(/^.*[\\/]/, '').replace(/\.(?:exe|cmd|bat)$/i, '');
}

/** The words before a simple command's program: assignments and wrappers with their flags (`sudo -u app`). */
export function wrapperWords(command: SimpleCommand, extraWrappers?: ReadonlySet<string>): readonly ShellWord[] {
  return command.words.slice(0, commandIndex(command.words, extraWrappers));
}

/** The words of a simple command from its program on, wrappers and assignments skipped. */
export function programWords(command: SimpleCommand, extraWrappers?: ReadonlySet<string>): readonly ShellWord[] {
  return command.words.slice(commandIndex(command.words, extraWrappers));
}
