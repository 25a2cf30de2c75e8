// Throwaway PGlite instances, started from snapshots of data directories.
//
// A new PGlite database normally runs initdb, which takes seconds. Instead we
// keep snapshots (a blank cluster here; tests add a migrated one) and start
// in-memory instances from them. The migration engine's shadow databases are
// blank instances (migrations.ts), so `scripts/migrate.ts create` and `status`
// need this as much as the tests do; hence it lives here and not in tests/.
//
// No `server-only` here: scripts (tsx) and tests import this module.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';

import { MemoryFS, PGlite } from '@electric-sql/pglite';

const require = createRequire(import.meta.url);
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * PGlite's defaults with a 16 MB buffer pool instead of 128 MB: zeroing the
 * pool is a large part of a throwaway instance's start-up. Only for instances
 * that hold a few rows; the app's database keeps PGlite's defaults.
 */
export const THROWAWAY_START_PARAMS: readonly string[] = [
  ...PGlite.defaultStartParams,
  '-c',
  'shared_buffers=16MB',
];

/** A PGlite data directory held in memory, to start instances from. */
export interface DataDirSnapshot {
  /** Uncompressed tarball, as `dumpDataDir('none')` writes it. */
  readonly tarball: Blob;
  readonly entries: readonly TarEntry[];
}

interface TarEntry {
  path: string;
  directory: boolean;
  data: Uint8Array;
  /** Seconds since the epoch. */
  mtime: number;
}

/** Reads the ustar archives PGlite's dumpDataDir writes (files and folders only). */
function parseTar(bytes: Uint8Array): TarEntry[] | undefined {
  const entries: TarEntry[] = [];
  const decoder = new TextDecoder();
  let offset = 0;
  const field = (start: number, length: number) => {
    const raw = bytes.subarray(offset + start, offset + start + length);
    const end = raw.indexOf(0);
    return decoder.decode(end < 0 ? raw : raw.subarray(0, end));
  };
  while (offset + 512 <= bytes.length) {
    const name = field(0, 100);
    if (!name) break; // end-of-archive blocks
    const prefix = field(345, 155);
    const size = Number.parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    if ((type !== '0' && type !== '' && type !== '5') || Number.isNaN(size)) return undefined;
    entries.push({
      path: prefix ? `${prefix}/${name}` : name,
      directory: type === '5',
      data: bytes.subarray(offset + 512, offset + 512 + size),
      mtime: Number.parseInt(field(136, 12).trim() || '0', 8),
    });
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

interface EmscriptenFs {
  mkdirTree(path: string): void;
  analyzePath(path: string): { exists: boolean };
  mkdir(path: string): void;
  writeFile(path: string, data: Uint8Array): void;
  utime(path: string, atime: number, mtime: number): void;
}

class SnapshotUnsupportedError extends Error {}

/**
 * An in-memory file system that starts with a snapshot's files. Writing them
 * straight into PGlite's Emscripten FS is about twice as fast as
 * `loadDataDir`, which re-parses the tarball on every start. It reaches into
 * PGlite's (protected) Emscripten module, so it falls back to `loadDataDir`
 * if a PGlite upgrade moves it.
 */
class SnapshotFs extends MemoryFS {
  constructor(private readonly entries: readonly TarEntry[]) {
    super();
  }

  override async initialSyncFs(): Promise<void> {
    await super.initialSyncFs();
    const fs = (this.pg as unknown as { mod?: { FS?: EmscriptenFs } } | undefined)?.mod?.FS;
    if (!fs || typeof fs.writeFile !== 'function') throw new SnapshotUnsupportedError();
    const root = PGlite.paths.PGDATA;
    fs.mkdirTree(root);
    for (const entry of this.entries) {
      const target = `${root}/${entry.path.replace(/^\/+/, '')}`;
      if (entry.directory) {
        if (!fs.analyzePath(target).exists) fs.mkdirTree(target);
      } else {
        fs.writeFile(target, entry.data);
      }
      fs.utime(target, entry.mtime * 1000, entry.mtime * 1000);
    }
  }
}

let snapshotFsWorks = true;

/** Starts an in-memory PGlite database from a snapshot. */
export async function openSnapshot(snapshot: DataDirSnapshot): Promise<PGlite> {
  const startParams = [...THROWAWAY_START_PARAMS];
  if (snapshotFsWorks && snapshot.entries.length > 0) {
    try {
      return await PGlite.create({ fs: new SnapshotFs(snapshot.entries), startParams });
    } catch (error) {
      if (!(error instanceof SnapshotUnsupportedError)) throw error;
      snapshotFsWorks = false;
    }
  }
  return PGlite.create({ loadDataDir: snapshot.tarball, startParams });
}

const CACHE_DIR = path.join(repoRoot, 'node_modules', '.cache', 'khuyenhoc-pglite');
const memoryCache = new Map<string, Promise<DataDirSnapshot>>();

/**
 * A snapshot built once, then kept in memory and (gzipped) under
 * node_modules/.cache so later processes skip the build. `key` must change
 * whenever the content would; `build` returns an uncompressed tarball.
 */
export function cachedSnapshot(key: string, build: () => Promise<Blob>): Promise<DataDirSnapshot> {
  let entry = memoryCache.get(key);
  if (!entry) {
    entry = (async () => {
      const file = path.join(CACHE_DIR, `${key}.tar.gz`);
      const stored = await readFile(file).catch(() => undefined);
      if (stored) {
        try {
          return toSnapshot(new Uint8Array(await promisify(gunzip)(stored)));
        } catch {
          // A damaged cache file is rebuilt below.
        }
      }
      const bytes = new Uint8Array(await (await build()).arrayBuffer());
      try {
        await mkdir(CACHE_DIR, { recursive: true });
        const temporary = `${file}.${process.pid}.${Date.now()}`;
        await writeFile(temporary, await promisify(gzip)(bytes, { level: 1 }));
        await rename(temporary, file); // atomic: concurrent builders never leave half a file
        await pruneStale(key);
      } catch {
        // The cache is an optimisation; a read-only tree just rebuilds each time.
      }
      return toSnapshot(bytes);
    })();
    entry.catch(() => memoryCache.delete(key));
    memoryCache.set(key, entry);
  }
  return entry;
}

function toSnapshot(bytes: Uint8Array<ArrayBuffer>): DataDirSnapshot {
  return { tarball: new Blob([bytes]), entries: parseTar(bytes) ?? [] };
}

/** Removes cached snapshots of the same kind (`<kind>-…`) made for older inputs. */
async function pruneStale(key: string): Promise<void> {
  const kind = key.split('-')[0];
  const names = await readdir(CACHE_DIR);
  await Promise.all(
    names
      .filter((name) => name.startsWith(`${kind}-`) && name.endsWith('.tar.gz') && name !== `${key}.tar.gz`)
      .map((name) => rm(path.join(CACHE_DIR, name), { force: true })),
  );
}

/** Dumps an instance's data directory after a checkpoint, so starting from it needs no recovery. */
export async function dumpPglite(pglite: PGlite): Promise<Blob> {
  await pglite.exec('CHECKPOINT');
  return pglite.dumpDataDir('none');
}

let pgliteVersion: string | undefined;

/** The installed PGlite version: snapshots are only valid for it. */
export function installedPgliteVersion(): string {
  if (!pgliteVersion) {
    const main = require.resolve('@electric-sql/pglite'); // <pkg>/dist/index.cjs
    const pkg = require(path.join(path.dirname(main), '..', 'package.json')) as { version: string };
    pgliteVersion = pkg.version;
  }
  return pgliteVersion;
}

/** A fresh, empty in-memory PGlite database (a just-initialised cluster). */
export async function openBlankPglite(): Promise<PGlite> {
  const blank = await cachedSnapshot(`blank-${installedPgliteVersion()}`, async () => {
    const fresh = await PGlite.create();
    try {
      return await dumpPglite(fresh);
    } finally {
      await fresh.close();
    }
  });
  return openSnapshot(blank);
}
