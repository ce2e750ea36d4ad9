/** MongoDB error codes the engine reports, with their official code names. */
export const ErrorCode = {
  InternalError: 1,
  BadValue: 2,
  NoSuchKey: 4,
  FailedToParse: 9,
  Unauthorized: 13,
  TypeMismatch: 14,
  IllegalOperation: 20,
  EmptyArrayOperation: 21,
  AlreadyInitialized: 23,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  PathNotViable: 28,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  DollarPrefixedFieldName: 52,
  InvalidIdField: 53,
  NotSingleValueField: 54,
  CommandNotFound: 59,
  ImmutableField: 66,
  CannotCreateIndex: 67,
  IndexAlreadyExists: 68,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  UnknownReplWriteConcern: 79,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  GraphContainsCycle: 93,
  UnsatisfiableWriteConcern: 100,
  WriteConflict: 112,
  CommandNotSupported: 115,
  CommandNotSupportedOnView: 166,
  OptionNotSupportedOnView: 167,
  InvalidPipelineOperator: 168,
  CannotIndexParallelArrays: 171,
  ViewDepthLimitExceeded: 182,
  UnsupportedOpQueryCommand: 352,
  IllegalOpMsgFlag: 223,
  TransactionTooOld: 225,
  NotImplemented: 238,
  NoSuchTransaction: 251,
  TransactionCommitted: 256,
  OperationNotSupportedInTransaction: 263,
  AmbiguousIndexKeyPattern: 288,
  Location40324: 40324,
  DuplicateKey: 11000,
  BSONObjectTooLarge: 10334,
} as const;

export type ErrorCodeName = keyof typeof ErrorCode;

const NAMES = new Map<number, string>(Object.entries(ErrorCode).map(([name, code]) => [code, name]));

/** The official `codeName` for a code (`Location<code>` for codes without one, as mongod does). */
export function codeNameOf(code: number): string {
  const name = NAMES.get(code);
  return name && !name.startsWith('Location') ? name : `Location${code}`;
}

/** A command failure reported to the client as `{ok: 0, code, codeName, errmsg, ...extra}`. */
export class MongoCommandError extends Error {
  readonly code: number;
  readonly codeName: string;
  readonly labels: string[];
  readonly extra: Record<string, unknown>;

  constructor(code: number, message: string, options: { labels?: string[]; extra?: Record<string, unknown> } = {}) {
    super(message);
    this.name = 'MongoCommandError';
    this.code = code;
    this.codeName = codeNameOf(code);
    this.labels = options.labels ?? [];
    this.extra = options.extra ?? {};
  }

  /** The reply document for this error. */
  toReply(): Record<string, unknown> {
    const reply: Record<string, unknown> = { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName };
    if (this.labels.length > 0) reply.errorLabels = this.labels;
    return { ...reply, ...this.extra };
  }

  /** The `writeErrors[]` entry for this error at a given batch index. */
  toWriteError(index: number): Record<string, unknown> {
    return { index, code: this.code, codeName: this.codeName, errmsg: this.message, ...this.extra };
  }
}

/** Shorthand for throwing a command error. */
export function fail(code: number, message: string, extra?: Record<string, unknown>): never {
  throw new MongoCommandError(code, message, extra ? { extra } : {});
}

/** The error for a feature the embedded engine deliberately does not implement. */
export function notSupported(what: string): never {
  throw new MongoCommandError(
    ErrorCode.NotImplemented,
    `${what} is not supported by the embedded MongoDB engine (use a real MongoDB via MONGODB_URI)`,
  );
}

/** The write-conflict error that makes drivers retry a transaction. */
export function writeConflict(): MongoCommandError {
  return new MongoCommandError(
    ErrorCode.WriteConflict,
    'Write conflict during plan execution and yielding is disabled. :: Please retry your operation or multi-document transaction.',
    { labels: ['TransientTransactionError'] },
  );
}
