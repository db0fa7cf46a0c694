import { randomBytes } from 'node:crypto';
import {
  mkdir,
  readdir,
  readFile,
  rename,
  stat,
  unlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type {
  Spool,
  SpoolAppendResult,
  SpoolEntry,
  SpoolReadResult,
  SpooledRequest,
} from '../export/spool';
import { decodeRecord, encodeRecord } from './record-framing';

export interface FileSpoolOptions {
  /** Directory of the spool (created if missing); several processes may share it. */
  dir: string;
  /** Bytes kept at most by this process; beyond it the oldest requests are dropped (default 100 MiB). */
  maxBytes?: number;
}

export const DEFAULT_SPOOL_MAX_BYTES = 100 * 1024 * 1024;

/** How often a process marks its owner file as alive. */
const HEARTBEAT_MS = 10_000;
/** An owner file untouched for this long belongs to a process that is gone (or hung). */
const STALE_MS = 60_000;
/** How often the directory is read again for records a finished process left behind. */
const RESCAN_MS = 5_000;

/**
 * Bytes of this process's own records also kept in memory, so a healthy server costs a
 * write and a delete per request, not a read-back too. Beyond it records are read from disk.
 */
const CACHE_MAX_BYTES = 8 * 1024 * 1024;

/** `<ms since epoch>-<sequence>-<items>i-<owner token>.req`: names sort oldest first. */
const RECORD_NAME = /^(\d{14}-\d{8})-(\d+)i-(\d+\.[0-9a-f]{8})\.req$/;

/** Tokens of the spools open in this process, shared by every copy of core loaded in it. */
const OPEN_TOKENS = Symbol.for('@llm-analytics/core/open-spool-tokens');

function openTokens(): Set<string> {
  const holder = globalThis as Record<symbol, Set<string> | undefined>;
  return (holder[OPEN_TOKENS] ??= new Set());
}

interface Indexed {
  name: string;
  bytes: number;
  items: number;
}

interface FileEntry extends SpoolEntry {
  readonly name: string;
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException)?.code;
}

/**
 * One file per request, written by one process (its owner token is in the name) and claimed
 * by another one only once its owner is gone: no lock is held while sending, and no two live
 * processes ever send the same record.
 */
class FileSpool implements Spool {
  readonly location: string;
  private readonly maxBytes: number;
  private readonly token = `${process.pid}.${randomBytes(4).toString('hex')}`;
  /** This process's records (its own and claimed ones), oldest first. */
  private readonly index: Indexed[] = [];
  private bytes = 0;
  /** Records written here and not yet removed, by name (at most `CACHE_MAX_BYTES`). */
  private readonly cache = new Map<string, SpooledRequest>();
  private cachedBytes = 0;
  private sequence = 0;
  private lastScan = 0;
  /** Records handed out by `next` and not yet removed: never evicted under their sender. */
  private readonly current = new Set<string>();
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private readonly ready: Promise<void>;
  private closed = false;

  constructor(options: FileSpoolOptions) {
    this.location = options.dir;
    this.maxBytes =
      typeof options.maxBytes === 'number' && options.maxBytes > 0
        ? options.maxBytes
        : DEFAULT_SPOOL_MAX_BYTES;
    openTokens().add(this.token);
    this.ready = this.open();
    // Failures surface through append/next, where the caller reports them once.
    this.ready.catch(() => undefined);
  }

  private ownerPath(token: string): string {
    return join(this.location, `${token}.owner`);
  }

  private async open(): Promise<void> {
    await mkdir(this.location, { recursive: true, mode: 0o700 });
    await writeFile(
      this.ownerPath(this.token),
      JSON.stringify({ pid: process.pid, host: hostname() }),
      { mode: 0o600 },
    );
    this.heartbeat = setInterval(() => {
      const now = new Date();
      utimes(this.ownerPath(this.token), now, now).catch(() => undefined);
    }, HEARTBEAT_MS);
    this.heartbeat.unref?.();
  }

  async append(requests: readonly SpooledRequest[]): Promise<SpoolAppendResult> {
    await this.ready;
    const written: Indexed[] = [];
    // Written together; one write per request (up to 100 events), never one per event.
    await Promise.all(
      requests.map(async (request) => {
        const name = `${String(Date.now()).padStart(14, '0')}-${String(this.sequence++ % 1e8).padStart(8, '0')}-${request.items}i-${this.token}.req`;
        const bytes = encodeRecord(request);
        const path = join(this.location, name);
        try {
          await writeFile(path, bytes, { flag: 'wx', mode: 0o600 });
        } catch (error) {
          // A full disk leaves a partial file: it must not be sent later as a corrupt record.
          await unlink(path).catch(() => undefined);
          throw error;
        }
        written.push({ name, bytes: bytes.length, items: request.items });
        if (this.cachedBytes + bytes.length <= CACHE_MAX_BYTES) {
          this.cache.set(name, request);
          this.cachedBytes += bytes.length;
        }
      }),
    );
    for (const record of written.sort((a, b) => (a.name < b.name ? -1 : 1))) this.insert(record);
    return { evictedItems: await this.evict() };
  }

  private insert(record: Indexed): void {
    let at = this.index.length;
    while (at > 0 && this.index[at - 1]!.name > record.name) at--;
    this.index.splice(at, 0, record);
    this.bytes += record.bytes;
  }

  /** Drop the oldest records beyond `maxBytes`; the items they held. */
  private async evict(): Promise<number> {
    let evicted = 0;
    for (let i = 0; this.bytes > this.maxBytes && i < this.index.length - 1;) {
      const oldest = this.index[i]!;
      if (this.current.has(oldest.name)) {
        i++;
        continue;
      }
      this.forget(oldest);
      evicted += oldest.items;
      await unlink(join(this.location, oldest.name)).catch(() => undefined);
    }
    return evicted;
  }

  async next(max: number): Promise<SpoolReadResult> {
    await this.ready;
    const result: SpoolReadResult = { entries: [], corrupt: 0, corruptItems: 0 };
    if (Date.now() - this.lastScan >= RESCAN_MS) await this.claimOrphans();
    this.current.clear();
    for (let at = 0; at < this.index.length && result.entries.length < Math.max(1, max);) {
      const oldest = this.index[at]!;
      const cached = this.cache.get(oldest.name);
      if (cached) {
        this.current.add(oldest.name);
        result.entries.push({ request: cached, name: oldest.name } as FileEntry);
        at++;
        continue;
      }
      let file: Buffer;
      try {
        file = await readFile(join(this.location, oldest.name));
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') throw error;
        // Removed by hand meanwhile: nothing to send.
        this.forget(oldest);
        continue;
      }
      const decoded = decodeRecord(file);
      if (decoded.ok) {
        this.current.add(oldest.name);
        result.entries.push({ request: decoded.request, name: oldest.name } as FileEntry);
        at++;
        continue;
      }
      // A crash in the middle of a write, or a damaged disk: skip it rather than block.
      result.corrupt++;
      result.corruptItems += decoded.items ?? 0;
      result.corruptReason ??= `${oldest.name}: ${decoded.reason}`;
      this.forget(oldest);
      await unlink(join(this.location, oldest.name)).catch(() => undefined);
    }
    return result;
  }

  async remove(entry: SpoolEntry): Promise<void> {
    const name = (entry as FileEntry).name;
    this.current.delete(name);
    const record = this.index.find((candidate) => candidate.name === name);
    if (record) this.forget(record);
    try {
      await unlink(join(this.location, name));
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
    }
  }

  private forget(record: Indexed): void {
    const at = this.index.indexOf(record);
    if (at < 0) return;
    this.index.splice(at, 1);
    this.bytes -= record.bytes;
    if (this.cache.delete(record.name)) this.cachedBytes -= record.bytes;
  }

  /** Take over the records of processes that are gone (a crash, a deploy, a SIGKILL). */
  private async claimOrphans(): Promise<void> {
    this.lastScan = Date.now();
    const names = await readdir(this.location);
    const verdicts = new Map<string, Promise<boolean>>();
    const gone = new Set<string>();
    for (const name of names.sort()) {
      const match = RECORD_NAME.exec(name);
      if (!match || match[3] === this.token) continue;
      const owner = match[3]!;
      if (!verdicts.has(owner)) verdicts.set(owner, this.ownerGone(owner));
      if (!(await verdicts.get(owner))) continue;
      gone.add(owner);
      const claimed = `${match[1]}-${match[2]}i-${this.token}.req`;
      try {
        // Atomic: of two processes claiming the same record, one gets ENOENT and skips it.
        await rename(join(this.location, name), join(this.location, claimed));
        const { size } = await stat(join(this.location, claimed));
        this.insert({ name: claimed, bytes: size, items: Number(match[2]) });
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') throw error;
      }
    }
    for (const owner of gone) await unlink(this.ownerPath(owner)).catch(() => undefined);
  }

  /** Whether the process that wrote records under `token` is gone. */
  private async ownerGone(token: string): Promise<boolean> {
    let info;
    try {
      info = await stat(this.ownerPath(token));
    } catch {
      // No owner file: its process closed the spool or never finished opening it.
      return true;
    }
    if (Date.now() - info.mtimeMs > STALE_MS) return true;
    const pid = Number(token.split('.')[0]);
    // Our pid but not a spool open here: an earlier process (containers restart as the same pid).
    if (pid === process.pid) return !openTokens().has(token);
    try {
      const owner = JSON.parse(await readFile(this.ownerPath(token), 'utf8')) as { host?: string };
      // Another machine sharing the directory: only its heartbeat says whether it is alive.
      if (owner.host !== hostname()) return false;
    } catch {
      return false;
    }
    try {
      process.kill(pid, 0);
      return false;
    } catch (error) {
      return errorCode(error) === 'ESRCH';
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    openTokens().delete(this.token);
    if (this.heartbeat) clearInterval(this.heartbeat);
    await this.ready.catch(() => undefined);
    // Without its owner file, what this process leaves is claimed by the next one at once.
    await unlink(this.ownerPath(this.token)).catch(() => undefined);
  }
}

/**
 * A spool of files under `dir` for `PostHogSpanProcessor({ spool })`: requests are written
 * before their first attempt and deleted after a 2xx; a later process with the same `dir`
 * delivers what an earlier one left. Never throws; failures reject its methods.
 */
export function createFileSpool(options: FileSpoolOptions): Spool {
  return new FileSpool(options);
}
