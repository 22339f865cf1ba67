/** The `queue-otel` command: parses the command line and runs a subcommand, with clear errors. */
import { parseCommandLine } from './args';
import { demoCommand } from './commands/demo-command';
import { jobsCommand } from './commands/jobs-command';
import { traceCommand } from './commands/trace-command';
import { tuiCommand } from './commands/tui-command';
import { HELP } from './help';
import { printText } from './output';
import { NotFoundError } from './not-found';
import { ConnectionError } from './redis-connect';
import { UsageError } from './usage-error';

/** Runs the CLI with `argv` (arguments after the script) and resolves to the exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  try {
    const { command, positionals, flags } = parseCommandLine(argv);
    if (command === 'help' || flags.help) {
      const topic = command === 'help' ? positionals[0] ?? 'main' : argv.some((arg) => arg === command) ? command : 'main';
      printText(`${HELP[topic] ?? HELP.main}\n`);
      return 0;
    }
    switch (command) {
      case 'jobs': return await jobsCommand(positionals, flags);
      case 'trace': return await traceCommand(positionals, flags);
      case 'demo': return await demoCommand(flags);
      default: return await tuiCommand(flags);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      const help = error.command === undefined ? 'queue-otel --help" for usage' : `queue-otel ${error.command} --help" for its options`;
      printText(`queue-otel: ${error.message}\nRun "${help}.\n`, process.stderr);
      return 2;
    }
    if (error instanceof NotFoundError) {
      printText(`queue-otel: ${error.message}\n`, process.stderr);
      return 1;
    }
    if (error instanceof ConnectionError) {
      printText(`queue-otel: ${error.message}\n${error.hint}\n`, process.stderr);
      return 1;
    }
    if (error instanceof Error && error.name === 'ReplyError') {
      // Redis refused a command: a key of another type than BullMQ or the span store writes (WRONGTYPE), a script
      // error on data it cannot read. The data's fault, not the program's: the message says it, a stack would not.
      printText(`queue-otel: Redis answered with an error: ${error.message}\nA key under this prefix holds something BullMQ or the span store did not write.\n`, process.stderr);
      return 1;
    }
    printText(`queue-otel: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`, process.stderr);
    return 1;
  }
}

/** Runs the CLI with the process's arguments and exits with its code. */
export function runAsMain(): void {
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
    // Timers of closed clients must not keep a finished command alive.
    setTimeout(() => process.exit(code), 200).unref();
  });
}

if (require.main === module) runAsMain();
