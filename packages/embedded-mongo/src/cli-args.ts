import { parseArgs } from 'node:util';

/** What the CLI was asked to do. */
export interface CliOptions {
  port: number;
  host: string;
  dbPath: string;
  help: boolean;
  /** Journal size that triggers compaction (the library's default when omitted). */
  compactThresholdBytes?: number;
  /** Test-only commands such as configureFailPoint (never for the launcher). */
  enableTestCommands: boolean;
}

export const CLI_USAGE = `Usage: mercato-db [--port <n>] [--host <address>] [--dbpath <dir>] [--compact-threshold <bytes>]
                  [--enable-test-commands]

  --port                TCP port to listen on (0 = a free port; default 27017)
  --host                address to bind (default 127.0.0.1)
  --dbpath              data directory (default ./.data/mongo)
  --compact-threshold   journal size in bytes that triggers a snapshot (default 67108864)
  --enable-test-commands  accept test-only commands (configureFailPoint), like mongod's enableTestCommands=1`;

/** Parses the CLI flags; throws with a readable message on bad input. */
export function parseCliArgs(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      dbpath: { type: 'string' },
      'compact-threshold': { type: 'string' },
      'enable-test-commands': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  const port = values.port === undefined ? 27017 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be an integer 0-65535, got '${values.port}'`);
  const threshold = values['compact-threshold'];
  const compactThresholdBytes = threshold === undefined ? undefined : Number(threshold);
  if (compactThresholdBytes !== undefined && !(Number.isInteger(compactThresholdBytes) && compactThresholdBytes > 0)) {
    throw new Error(`--compact-threshold must be a positive number of bytes, got '${threshold}'`);
  }
  return {
    port,
    host: values.host ?? '127.0.0.1',
    dbPath: values.dbpath ?? './.data/mongo',
    help: values.help ?? false,
    enableTestCommands: values['enable-test-commands'] ?? false,
    ...(compactThresholdBytes !== undefined ? { compactThresholdBytes } : {}),
  };
}
