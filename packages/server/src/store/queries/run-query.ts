/** Runs one parameterised read and returns plain row objects. */
export type RunQuery = (sql: string, values: unknown[]) => Promise<Array<Record<string, unknown>>>;
