import { parseArgs } from 'node:util';

/** What the CLI was asked to do. */
export interface CliOptions {
  port: number;
  host: string;
  dbPath: string;
  help: boolean;
}

export const CLI_USAGE = `Usage: mercato-db [--port <n>] [--host <address>] [--dbpath <dir>]

  --port     TCP port to listen on (0 = a free port; default 27017)
  --host     address to bind (default 127.0.0.1)
  --dbpath   data directory (default ./.data/mongo)`;

/** Parses the CLI flags; throws with a readable message on bad input. */
export function parseCliArgs(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      dbpath: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  const port = values.port === undefined ? 27017 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be an integer 0-65535, got '${values.port}'`);
  return {
    port,
    host: values.host ?? '127.0.0.1',
    dbPath: values.dbpath ?? './.data/mongo',
    help: values.help ?? false,
  };
}
