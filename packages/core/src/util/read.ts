import type { AttributeValue, Attributes } from '../types';

/** Typed readers over an attribute map that also record which keys were used. */
export class AttributeReader {
  readonly consumed = new Set<string>();
  constructor(readonly attributes: Attributes) {}

  has(key: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.attributes, key);
  }

  raw(key: string): AttributeValue | undefined {
    if (!this.has(key)) return undefined;
    this.consumed.add(key);
    return this.attributes[key];
  }

  /** First non-empty string among the keys (numbers are stringified). */
  string(...keys: string[]): string | undefined {
    for (const key of keys) {
      if (!this.has(key)) continue;
      const value = this.attributes[key];
      this.consumed.add(key);
      if (typeof value === 'string' && value !== '') return value;
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    }
    return undefined;
  }

  /** First finite number among the keys (numeric strings accepted). */
  number(...keys: string[]): number | undefined {
    for (const key of keys) {
      if (!this.has(key)) continue;
      this.consumed.add(key);
      const n = toNumber(this.attributes[key]);
      if (n !== undefined) return n;
    }
    return undefined;
  }

  boolean(...keys: string[]): boolean | undefined {
    for (const key of keys) {
      if (!this.has(key)) continue;
      this.consumed.add(key);
      const value = this.attributes[key];
      if (typeof value === 'boolean') return value;
      if (value === 'true') return true;
      if (value === 'false') return false;
    }
    return undefined;
  }

  /** A string array (a single string becomes a one-element array). */
  strings(key: string): string[] | undefined {
    if (!this.has(key)) return undefined;
    this.consumed.add(key);
    const value = this.attributes[key];
    if (Array.isArray(value)) {
      const out = value.filter((v): v is string => typeof v === 'string');
      return out.length ? out : undefined;
    }
    if (typeof value === 'string' && value !== '') {
      if (value.startsWith('[')) {
        try {
          const parsed: unknown = JSON.parse(value);
          if (Array.isArray(parsed))
            return parsed.filter((v): v is string => typeof v === 'string');
        } catch {
          // A plain string that happens to start with '[': keep it as one value.
        }
      }
      return [value];
    }
    return undefined;
  }

  /** Mark keys as consumed without reading them. */
  consume(...keys: string[]): void {
    for (const key of keys) if (this.has(key)) this.consumed.add(key);
  }

  /** Keys that start with a prefix, in insertion order. */
  keysWithPrefix(prefix: string): string[] {
    const out: string[] = [];
    for (const key of Object.keys(this.attributes)) if (key.startsWith(prefix)) out.push(key);
    return out;
  }
}

export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}
