/** The entry file and every file it reaches through relative imports, relative to `root`. */
export function localImportClosure(root: string, entry: string): string[];
