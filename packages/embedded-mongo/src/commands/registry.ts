import { aggregateCommands } from './aggregate.js';
import { collModCommands } from './coll-mod.js';
import { collectionCommands } from './collections.js';
import type { CommandDefinition } from './context.js';
import { crudReadCommands } from './crud-read.js';
import { crudWriteCommands } from './crud-write.js';
import { explainCommands } from './explain.js';
import { testCommands } from './fail-points.js';
import { findAndModifyCommands } from './find-and-modify.js';
import { handshakeCommands } from './handshake.js';
import { indexCommands } from './indexes.js';
import { replicaSetCommands } from './replica-set.js';
import { transactionCommands } from './transactions.js';

/** Every command the engine answers; anything else gets CommandNotFound (59). */
export const COMMANDS = new Map<string, CommandDefinition>(
  Object.entries({
    ...handshakeCommands,
    ...crudReadCommands,
    ...crudWriteCommands,
    ...findAndModifyCommands,
    ...aggregateCommands,
    ...indexCommands,
    ...collectionCommands,
    ...collModCommands,
    ...transactionCommands,
    ...explainCommands,
    ...replicaSetCommands,
    ...testCommands,
  }),
);

COMMANDS.set('listCommands', {
  handler: (ctx) => {
    const names = [...COMMANDS.keys()].filter(
      (name) => ctx.engine.options.enableTestCommands || !(name in testCommands),
    );
    return { commands: Object.fromEntries(names.map((name) => [name, { help: '' }])) };
  },
});
