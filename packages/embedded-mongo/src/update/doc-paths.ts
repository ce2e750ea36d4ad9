import { isArrayIndex } from '../bson/paths.js';
import { isPlainObject, type Doc } from '../bson/values.js';
import { ErrorCode, fail } from '../errors.js';
import { describeValue } from './describe.js';

/**
 * Copy-on-write access to a document being updated: containers are shallow-copied the first time they are written,
 * so the stored original (shared with readers and snapshots) is never mutated and untouched subtrees stay shared.
 */
export class DocWriter {
  readonly root: Doc;
  private readonly copied = new WeakSet<object>();

  constructor(original: Doc) {
    this.root = { ...original };
    this.copied.add(this.root);
  }

  private own<T extends object>(parent: Doc | unknown[], key: string | number, value: T): T {
    if (this.copied.has(value)) return value;
    const copy = (Array.isArray(value) ? [...value] : { ...value }) as T;
    this.copied.add(copy);
    setChild(parent, key, copy);
    return copy;
  }

  /** The value at concrete path components, or undefined. */
  get(parts: readonly string[]): unknown {
    let current: unknown = this.root;
    for (const part of parts) {
      if (Array.isArray(current) && isArrayIndex(part)) current = current[Number(part)];
      else if (isPlainObject(current)) current = current[part];
      else return undefined;
      if (current === undefined) return undefined;
    }
    return current;
  }

  /**
   * The writable container holding the last component, creating missing documents on the way. Throws PathNotViable
   * when the path crosses a scalar (or an array with a non-numeric component).
   */
  parentFor(parts: readonly string[], create: boolean): { container: Doc | unknown[]; key: string } | undefined {
    let container: Doc | unknown[] = this.root;
    for (let i = 0; i < parts.length - 1; i++) {
      const part = parts[i] as string;
      let next = childOf(container, part);
      if (next === undefined || next === null) {
        if (!create) return undefined;
        if (next === null && !Array.isArray(container)) notViable(parts, i + 1, container, part);
        next = {};
        setChild(container, part, next);
        this.copied.add(next as object);
      } else if (isPlainObject(next) || Array.isArray(next)) {
        next = this.own(container, part, next as Doc | unknown[]);
      } else {
        if (!create) return undefined;
        notViable(parts, i + 1, container, part);
      }
      container = next as Doc | unknown[];
    }
    const key = parts[parts.length - 1] as string;
    if (Array.isArray(container) && !isArrayIndex(key)) {
      if (!create) return undefined;
      fail(
        ErrorCode.PathNotViable,
        `Cannot create field '${key}' in element {${parts[parts.length - 2] ?? ''}: ${describeValue(container)}}`,
      );
    }
    return { container, key };
  }

  /** Sets a value, creating intermediate documents (and padding arrays with nulls). */
  set(parts: readonly string[], value: unknown): void {
    const target = this.parentFor(parts, true);
    if (target) setChild(target.container, target.key, value);
  }

  /** Removes a field (array elements become null, as in MongoDB). */
  unset(parts: readonly string[]): void {
    const target = this.parentFor(parts, false);
    if (!target) return;
    if (Array.isArray(target.container)) {
      const index = Number(target.key);
      if (index < target.container.length) target.container[index] = null;
    } else if (target.key in target.container) {
      delete target.container[target.key];
    }
  }

  /** A writable copy of the array at a path (for in-place array operators), or undefined if it is not an array. */
  writableArray(parts: readonly string[]): unknown[] | undefined {
    const target = this.parentFor(parts, false);
    if (!target) return undefined;
    const value = childOf(target.container, target.key);
    if (!Array.isArray(value)) return undefined;
    return this.own(target.container, target.key, value);
  }
}

function childOf(container: Doc | unknown[], key: string): unknown {
  if (Array.isArray(container)) return isArrayIndex(key) ? container[Number(key)] : undefined;
  return Object.prototype.hasOwnProperty.call(container, key) ? container[key] : undefined;
}

function setChild(container: Doc | unknown[], key: string | number, value: unknown): void {
  if (Array.isArray(container)) {
    const index = Number(key);
    while (container.length < index) container.push(null);
    container[index] = value;
  } else if (key === '__proto__') {
    Object.defineProperty(container, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    container[key as string] = value;
  }
}

function notViable(parts: readonly string[], at: number, container: Doc | unknown[], field: string): never {
  const blocking = childOf(container, field);
  return fail(
    ErrorCode.PathNotViable,
    `Cannot create field '${parts[at]}' in element {${field}: ${describeValue(blocking)}}`,
  );
}
