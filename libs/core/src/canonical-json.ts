/**
 * Canonical JSON (judging-rules.md §7): what JSON.stringify writes with no white space, object
 * keys in insertion order, numbers in their shortest form, strings escaped as JSON.stringify
 * escapes them (non-ASCII written as is). Hashes are computed over this text, so everything
 * JSON.stringify would silently drop, turn into `null` or reshape (undefined, NaN, ±Infinity,
 * functions, symbols, BigInt, Dates and other class instances, array holes, cycles) is an
 * error instead: a hash can never change because of a value nobody meant to hash. Pass
 * instants as ISO-8601 strings.
 *
 * Keys come in the order JavaScript enumerates them (as for JSON.stringify): integer-like keys
 * ascending first, then the others in insertion order.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$', []);
}

function write(value: unknown, path: string, stack: object[]): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} at ${path}`);
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      return writeObject(value, path, stack);
    default:
      // undefined, function, symbol, bigint
      throw new TypeError(`canonicalJson: ${typeof value} at ${path}`);
  }
}

function writeObject(value: object, path: string, stack: object[]): string {
  if (stack.includes(value)) throw new TypeError(`canonicalJson: cycle at ${path}`);
  stack.push(value);
  try {
    if (Array.isArray(value)) {
      const parts: string[] = [];
      for (let i = 0; i < value.length; i++) {
        if (!(i in value)) throw new TypeError(`canonicalJson: hole at ${path}[${i}]`);
        parts.push(write(value[i], `${path}[${i}]`, stack));
      }
      return `[${parts.join(',')}]`;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      const name = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
      throw new TypeError(`canonicalJson: ${name} at ${path} (only plain objects and arrays)`);
    }
    if (Object.getOwnPropertySymbols(value).length > 0) {
      throw new TypeError(`canonicalJson: symbol key at ${path}`);
    }
    const parts = Object.keys(value).map(
      (key) =>
        `${JSON.stringify(key)}:${write((value as Record<string, unknown>)[key], `${path}.${key}`, stack)}`,
    );
    return `{${parts.join(',')}}`;
  } finally {
    stack.pop();
  }
}
