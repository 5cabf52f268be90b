import type { ParseArgsConfig } from 'node:util';

/*
 * What every `bottleneck` command looks like, so new ones (simulate, share,
 * open, import-crm, …) slot into the list in commands.ts without touching
 * main.ts: main parses the options a command declares, checks its
 * positionals, prints its help, and turns thrown CliErrors into exit codes.
 */

/** Exit codes: 0 success, 1 bad input (file, link, model, cell), 2 usage, 70 a bug. */
export const EXIT = { ok: 0, input: 1, usage: 2, internal: 70 } as const;

/** An error with a message for stderr and the exit code it ends the command with. */
export class CliError extends Error {
  /**
   * @param message what went wrong, in plain words (may span several lines)
   * @param exitCode one of {@link EXIT}
   */
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** The command was called wrongly (unknown option, missing FILE): exit 2 with its usage. */
export class UsageError extends CliError {
  /** @param message what is wrong with the call */
  constructor(message: string) {
    super(message, EXIT.usage);
    this.name = 'UsageError';
  }
}

/** The input (a file, a link, a model) cannot be used: exit 1. */
export class InputError extends CliError {
  /** @param message what is wrong with the input, naming stage and field where possible */
  constructor(message: string) {
    super(message, EXIT.input);
    this.name = 'InputError';
  }
}

/** Option values as node:util parseArgs returns them. */
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** What a command receives: its parsed options and positional arguments. */
export interface CommandArgs {
  values: OptionValues;
  positionals: string[];
}

/** Where a command may report things besides its output. */
export interface CommandContext {
  /** Writes one line to stderr (a warning that does not stop the command). */
  warn(line: string): void;
}

/** One subcommand of `bottleneck`. */
export interface Command {
  /** The word after `bottleneck`, e.g. `analyze`. */
  name: string;
  /** Names of the positional arguments, in order, e.g. `['FILE']`; all required. */
  positionals: string[];
  /** True when the last positional may be given more than once (`FILE [FILE…]`). */
  repeats?: boolean;
  /** The options after the positionals as shown in usage, e.g. `[--json]`. */
  synopsis: string;
  /** One line for the list of commands. */
  summary: string;
  /** Full help below the usage line: what it prints, each option, exit codes. */
  help: string;
  /** Options for node:util parseArgs (`--help` is added to every command). */
  options: NonNullable<ParseArgsConfig['options']>;
  /**
   * Runs the command.
   *
   * @returns the text for stdout (a trailing newline is added when missing)
   * @throws CliError (UsageError, InputError) for anything the user should fix
   */
  run(args: CommandArgs, context: CommandContext): Promise<string> | string;
}

/** `bottleneck analyze FILE [--json]`: the usage line of a command. */
export function usageLine(command: Command): string {
  const last = command.positionals[command.positionals.length - 1];
  const more = command.repeats && last ? `[${last}…]` : '';
  return ['bottleneck', command.name, ...command.positionals, more, command.synopsis]
    .filter(Boolean)
    .join(' ');
}
