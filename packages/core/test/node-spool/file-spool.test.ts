import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Spool } from '../../src/export/spool';
import { createFileSpool } from '../../src/node-spool/file-spool';
import { encodeRecord } from '../../src/node-spool/record-framing';

const dirs: string[] = [];
const spools: Spool[] = [];
afterEach(async () => {
  for (const spool of spools.splice(0)) await spool.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'file-spool-test-'));
  dirs.push(dir);
  return dir;
}

function open(dir: string, maxBytes?: number): Spool {
  const spool = createFileSpool({ dir, maxBytes });
  spools.push(spool);
  return spool;
}

const request = (label: string, items = 1) => ({
  body: new TextEncoder().encode(label),
  headers: { 'content-type': 'application/json' },
  items,
});
const label = (body: Uint8Array) => new TextDecoder().decode(body);

/** Everything a spool holds, oldest first, removing each. */
async function drain(spool: Spool): Promise<string[]> {
  const labels: string[] = [];
  for (;;) {
    const {
      entries: [entry],
    } = await spool.next(1);
    if (!entry) return labels;
    labels.push(label(entry.request.body));
    await spool.remove(entry);
  }
}

describe('file spool', () => {
  it('hands requests back oldest first and deletes them only when removed', async () => {
    const dir = tempDir();
    const spool = open(dir);
    await spool.append([request('a'), request('b')]);
    await spool.append([request('c')]);
    const first = await spool.next(2);
    expect(first.entries.map((entry) => label(entry.request.body))).toEqual(['a', 'b']);
    // Not removed: handed out again.
    expect(label((await spool.next(1)).entries[0]!.request.body)).toBe('a');
    expect(readdirSync(dir).filter((name) => name.endsWith('.req'))).toHaveLength(3);
    expect(await drain(spool)).toEqual(['a', 'b', 'c']);
    expect(readdirSync(dir).filter((name) => name.endsWith('.req'))).toHaveLength(0);
  });

  it('keeps within maxBytes by dropping the oldest, and says how many items it dropped', async () => {
    const spool = open(tempDir(), 300);
    let evicted = 0;
    for (let i = 0; i < 6; i++)
      evicted += (await spool.append([request(`${i}`.padEnd(60, '.'), 10)])).evictedItems;
    const left = await drain(spool);
    expect(left.length).toBeGreaterThan(0);
    expect(left.length).toBeLessThan(6);
    expect(evicted).toBe((6 - left.length) * 10);
    expect(left.at(-1)!.startsWith('5')).toBe(true);
  });

  it('delivers what a closed spool left behind to the next one on the same directory', async () => {
    const dir = tempDir();
    const before = open(dir);
    await before.append([request('left 1'), request('left 2')]);
    await before.close();
    const after = open(dir);
    await after.append([request('new')]);
    expect(await drain(after)).toEqual(['left 1', 'left 2', 'new']);
  });

  it('never takes the records of a spool still open on the same directory', async () => {
    const dir = tempDir();
    const a = open(dir);
    const b = open(dir);
    await a.append([request('a1')]);
    await b.append([request('b1')]);
    expect(await drain(b)).toEqual(['b1']);
    expect(await drain(a)).toEqual(['a1']);
  });

  it('skips and counts a partial record a crash left, and delivers the others', async () => {
    const dir = tempDir();
    const bytes = encodeRecord(request('cut', 7));
    // Named as a process that is gone (pid 999999999 does not exist, no owner file) wrote it.
    writeFileSync(
      join(dir, '00000000000001-00000000-7i-999999999.0badc0de.req'),
      bytes.subarray(0, bytes.length - 3),
    );
    writeFileSync(
      join(dir, '00000000000002-00000001-1i-999999999.0badc0de.req'),
      encodeRecord(request('whole')),
    );
    const spool = open(dir);
    const read = await spool.next(10);
    expect(read).toMatchObject({ corrupt: 1, corruptItems: 7 });
    expect(read.entries.map((entry) => label(entry.request.body))).toEqual(['whole']);
  });

  it('rejects (it does not throw synchronously) when the directory cannot be created', async () => {
    const file = join(tempDir(), 'not-a-dir');
    writeFileSync(file, 'x');
    const spool = open(join(file, 'spool'));
    await expect(spool.append([request('x')])).rejects.toThrow(/ENOTDIR|EEXIST/);
  });
});
