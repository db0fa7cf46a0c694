/**
 * Files of the built web UI: read from disk (the UI can be rebuilt while the server runs),
 * kept in memory by path and mtime, gzipped once per version when the client accepts it.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.txt']);

/** Smaller files gain nothing from gzip. */
const GZIP_MIN_BYTES = 1024;

/** Bounds the in-memory copy: the UI is a handful of files, this is only a safety net. */
const MAX_CACHED_FILES = 200;

export interface StaticFile {
  bytes: Buffer;
  /** Gzipped bytes, for compressible types above the size floor. */
  gzipped?: Buffer;
  contentType: string;
  etag: string;
}

interface CachedFile extends StaticFile {
  mtimeMs: number;
  size: number;
}

export class StaticFiles {
  private readonly cache = new Map<string, CachedFile>();

  constructor(readonly root: string) {}

  /**
   * The file at a URL path under the root, or `undefined` when there is none (or the path
   * tries to leave the root, or names a directory).
   */
  async get(urlPath: string): Promise<StaticFile | undefined> {
    const file = this.resolvePath(urlPath);
    if (!file) return undefined;
    let info;
    try {
      info = await stat(file);
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    if (!info.isFile()) return undefined;
    const cached = this.cache.get(file);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached;
    const bytes = await readFile(file);
    const extension = extname(file).toLowerCase();
    const entry: CachedFile = {
      bytes,
      contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream',
      etag: `"${createHash('sha1').update(bytes).digest('base64url')}"`,
      mtimeMs: info.mtimeMs,
      size: info.size,
      ...(COMPRESSIBLE.has(extension) && bytes.byteLength >= GZIP_MIN_BYTES
        ? { gzipped: gzipSync(bytes) }
        : {}),
    };
    if (this.cache.size >= MAX_CACHED_FILES) this.cache.clear();
    this.cache.set(file, entry);
    return entry;
  }

  /** The absolute file for a URL path, or `undefined` when it would escape the root. */
  private resolvePath(urlPath: string): string | undefined {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      // A malformed escape names no file of ours.
      return undefined;
    }
    if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
    const root = resolve(this.root);
    const file = resolve(root, `.${decoded.startsWith('/') ? decoded : `/${decoded}`}`);
    return file.startsWith(root + sep) ? file : undefined;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
