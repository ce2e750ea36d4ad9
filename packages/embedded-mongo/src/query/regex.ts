import { ErrorCode, fail } from '../errors.js';

const cache = new Map<string, RegExp>();

// MongoDB's `x` option ignores unescaped whitespace and `#` comments; JS regexes have no such flag.
function stripExtended(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\') {
      out += c + (pattern[i + 1] ?? '');
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else if (c === '#') {
      while (i < pattern.length && pattern[i] !== '\n') i++;
    } else if (!/\s/.test(c)) {
      out += c;
    }
  }
  return out;
}

/** Builds a JS RegExp from a MongoDB pattern and options (i, m, s, x, u). */
export function buildRegex(pattern: string, options = ''): RegExp {
  const cacheKey = `${options}/${pattern}`;
  let re = cache.get(cacheKey);
  if (re) return re;
  let flags = '';
  let source = pattern;
  for (const option of options) {
    if (option === 'i' || option === 'm' || option === 's') flags += flags.includes(option) ? '' : option;
    else if (option === 'x') source = stripExtended(source);
    else if (option !== 'u' && option !== 'g') fail(ErrorCode.BadValue, `invalid flag in regex options: ${option}`);
  }
  try {
    re = new RegExp(source, `${flags}u`);
  } catch {
    try {
      re = new RegExp(source, flags);
    } catch (error) {
      fail(51091, `Regular expression is invalid: ${(error as Error).message}`);
    }
  }
  if (cache.size > 1000) cache.clear();
  cache.set(cacheKey, re);
  return re;
}

/** A RegExp (JS or bson BSONRegExp) as a usable JS RegExp. */
export function toRegex(value: unknown): RegExp | undefined {
  if (value instanceof RegExp) return value;
  if (value && typeof value === 'object' && (value as { _bsontype?: string })._bsontype === 'BSONRegExp') {
    const r = value as { pattern: string; options: string };
    return buildRegex(r.pattern, r.options);
  }
  return undefined;
}

/** True when a candidate value matches a regex: strings by pattern, stored regexes by identity of pattern and flags. */
export function regexMatches(re: RegExp, value: unknown): boolean {
  if (typeof value === 'string') {
    re.lastIndex = 0;
    return re.test(value);
  }
  if (value instanceof RegExp) return value.source === re.source && value.flags === re.flags;
  return false;
}
