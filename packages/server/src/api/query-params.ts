/** Query-string parsing for the read API: every bad value is a 400 that names the parameter. */
import { badRequest } from '../http/http-error';

export class QueryParams {
  constructor(
    private readonly params: URLSearchParams,
    allowed: readonly string[],
  ) {
    for (const name of new Set(params.keys())) {
      if (!allowed.includes(name))
        throw badRequest(
          `unknown query parameter "${name}"; accepted: ${allowed.join(', ') || 'none'}`,
        );
      if (params.getAll(name).length > 1)
        throw badRequest(`query parameter "${name}" given more than once`);
    }
  }

  string(name: string, maxLength = 1000): string | undefined {
    const value = this.params.get(name);
    if (value === null || value === '') return undefined;
    if (value.length > maxLength)
      throw badRequest(`"${name}" is longer than ${maxLength} characters`);
    return value;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.params.get(name);
    if (raw === null || raw === '') return fallback;
    if (!/^\d+$/.test(raw)) throw badRequest(`"${name}" must be a whole number, got "${raw}"`);
    const value = Number(raw);
    if (value < min || value > max) throw badRequest(`"${name}" must be between ${min} and ${max}`);
    return value;
  }

  boolean(name: string): boolean | undefined {
    const raw = this.params.get(name);
    if (raw === null || raw === '') return undefined;
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    throw badRequest(`"${name}" must be true or false, got "${raw}"`);
  }

  /** ISO 8601 or epoch milliseconds. */
  date(name: string): Date | undefined {
    const raw = this.params.get(name);
    if (raw === null || raw === '') return undefined;
    const date = /^\d+$/.test(raw) ? new Date(Number(raw)) : new Date(raw);
    if (Number.isNaN(date.getTime()))
      throw badRequest(`"${name}" must be an ISO 8601 time or epoch milliseconds, got "${raw}"`);
    return date;
  }

  choice<T extends string>(name: string, choices: readonly T[], fallback: T): T {
    const raw = this.params.get(name);
    if (raw === null || raw === '') return fallback;
    if (!(choices as readonly string[]).includes(raw))
      throw badRequest(`"${name}" must be one of ${choices.join(', ')}, got "${raw}"`);
    return raw as T;
  }

  /** `from` / `to`, checked for order. */
  range(): { from?: Date; to?: Date } {
    const from = this.date('from');
    const to = this.date('to');
    if (from && to && from >= to) throw badRequest('"from" must be before "to"');
    return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  }
}
