import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Version of a package installed for this package's tests. */
export function installedVersion(name: string): string {
  const path = join(import.meta.dirname, '..', '..', 'node_modules', name, 'package.json');
  return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
}
