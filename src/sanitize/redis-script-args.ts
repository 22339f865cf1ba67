/**
 * Redis script calls as Redis instrumentations record them in `db.query.text`: OpenTelemetry's
 * `@opentelemetry/instrumentation-ioredis` (and `-redis`) serialize every argument of `EVAL`/`EVALSHA`/`FCALL`.
 * BullMQ does all its work in Lua scripts, so those arguments are each job's data, options and trace metadata
 * (`add`), its return value or error message and stack (`moveToFinished`), and the worker's lock token. They are no
 * SQL literals to strip, so they would pass the attribute policy as they are.
 */
const SCRIPT_CALL = /^(EVALSHA_RO|EVALSHA|FCALL_RO|FCALL|EVAL_RO|EVAL)(?=\s|$)(?:\s+(\S+))?/i;
/** A script's SHA1 digest, as `EVALSHA` names the script (anything else there is not shown). */
const SHA1 = /^[0-9a-f]{40}$/i;
/** A Redis function name, as `FCALL` names the function. */
const FUNCTION_NAME = /^[A-Za-z_][\w.-]{0,127}$/;

/**
 * The command and the script's digest (or function name) of a Redis script call, its keys and arguments replaced
 * by a marker: `evalsha 5ab4…b100 [keys and arguments redacted]`. `EVAL` keeps only its command: its first
 * argument is the script's source. `undefined` when `text` is no script call. Keys are not kept either: where the
 * key list ends cannot be told from the serialized text when a key or an argument holds a space.
 */
export function redactRedisScriptArgs(text: string): string | undefined {
  const call = SCRIPT_CALL.exec(text);
  if (!call) return undefined;
  const command = call[1] ?? '';
  const name = call[2];
  if (name === undefined) return text.length === command.length ? text : `${command} [keys and arguments redacted]`;
  const isEval = /^EVAL(_RO)?$/i.test(command);
  const shown = !isEval && (/^EVALSHA/i.test(command) ? SHA1 : FUNCTION_NAME).test(name) ? `${command} ${name}` : command;
  return `${shown} [${isEval ? 'script, ' : ''}keys and arguments redacted]`;
}
