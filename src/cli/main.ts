import { parseArgs } from 'node:util';
import { CliError, EXIT, UsageError, usageLine, type Command } from './command';
import { COMMANDS } from './commands';
import { printable } from './io';

/*
 * The `bottleneck` command line: finds the command, parses its options with
 * node:util parseArgs (strict: an unknown option is a usage error), runs it,
 * and turns errors into a message on stderr and an exit code (see EXIT).
 */

/** The overall usage: every command on one line each. */
export function usage(): string {
  return [
    'Usage: bottleneck <command> [options]',
    '',
    'Commands:',
    // Usage lines are long (import-crm's most of all): each gets its own line, the summary below it.
    ...COMMANDS.flatMap((c) => [`  ${usageLine(c)}`, `      ${c.summary}`]),
    '',
    'Run "bottleneck <command> --help" for a command\'s options.',
    `Exit codes: ${EXIT.ok} success, ${EXIT.input} bad input (file, model, cell), ${EXIT.usage} usage.`,
  ].join('\n');
}

/** A command's own help: its usage line, then what it does. */
export function commandHelp(command: Command): string {
  return `Usage: ${usageLine(command)}\n\n${command.help}`;
}

/** Where main writes; process.stdout and process.stderr unless a test says otherwise. */
export interface Streams {
  stdout(text: string): void;
  stderr(text: string): void;
}

const PROCESS_STREAMS: Streams = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

const withNewline = (text: string) => (text === '' || text.endsWith('\n') ? text : `${text}\n`);

/** Parses a command's arguments, or throws a UsageError saying what is wrong. */
function parseCommandArgs(command: Command, args: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true, values, positionals } as const;
  const want = command.positionals;
  if (positionals.length < want.length) {
    throw new UsageError(`${command.name} needs ${want.slice(positionals.length).join(' ')}.`);
  }
  if (positionals.length > want.length && !command.repeats) {
    throw new UsageError(
      `${command.name} takes ${want.length === 0 ? 'no arguments' : want.join(' ')}; unexpected "${positionals[want.length]}".`,
    );
  }
  return { help: false, values, positionals } as const;
}

/**
 * Runs `bottleneck` with the given arguments.
 *
 * @param argv the arguments after `bottleneck` (process.argv.slice(2))
 * @param streams where output and messages go
 * @returns the exit code: 0 success, 1 bad input, 2 usage, 70 an internal error
 */
export async function main(argv: string[], streams: Streams = PROCESS_STREAMS): Promise<number> {
  const fail = (message: string, code: number) => {
    streams.stderr(withNewline(printable(`bottleneck: ${message}`)));
    return code;
  };
  const [name, ...rest] = argv;
  if (name === undefined) {
    streams.stderr(withNewline(usage()));
    return EXIT.usage;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = COMMANDS.find((c) => c.name === rest[0]);
    streams.stdout(withNewline(topic ? commandHelp(topic) : usage()));
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    streams.stderr(withNewline(printable(`bottleneck: unknown command "${name}".\n\n${usage()}`)));
    return EXIT.usage;
  }
  try {
    const args = parseCommandArgs(command, rest);
    if (args.help) {
      streams.stdout(withNewline(commandHelp(command)));
      return EXIT.ok;
    }
    const output = await command.run(args, {
      warn: (line) => streams.stderr(withNewline(printable(`bottleneck: ${line}`))),
    });
    streams.stdout(withNewline(output));
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      return fail(
        `${error.message}\nUsage: ${usageLine(command)}\nRun "bottleneck ${command.name} --help" for more.`,
        error.exitCode,
      );
    }
    if (error instanceof CliError) return fail(error.message, error.exitCode);
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return fail(`internal error (please report it):\n${detail}`, EXIT.internal);
  }
}
