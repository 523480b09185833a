// A WASI (preview 1) host for one program: the qa-widget command line compiled to
// wasm32-wasip1 (qa-widget-builder.wasm). Files are the real ones, through node:fs; a build
// from `qa-widget/build` can add in-memory pages and keep what the builder writes in memory.
//
// Why not node:wasi: it cannot serve files that are not on disk (in-memory pages), it needs
// --experimental-wasi-unstable-preview1 on Node 18, warns on every run on Node 20+, and on
// Node 20.20 it aborted 2 of 3 MedQuAD builds (a V8 fatal error as the wasm memory grew).
// Why not a library: @tybys/wasm-util and @bjorn3/browser_wasi_shim write stdout through
// console.log by lines (a progress bar redraws with "\r") or hold every file in memory, and
// neither lets a page in memory sit beside files on disk. The builder imports 19 functions;
// this file implements those and the few a later builder may add (creating folders,
// renaming), and answers ENOSYS for the rest (tests/js/node-builder.test.mjs checks that
// every function the built wasm imports is implemented).
import fs from 'node:fs';
import path from 'node:path';
import tty from 'node:tty';
import { randomFillSync } from 'node:crypto';

const posix = path.posix;

export const ERRNO = {
  SUCCESS: 0, ACCES: 2, AGAIN: 6, BADF: 8, EXIST: 20, FAULT: 21, INVAL: 28, IO: 29, ISDIR: 31,
  LOOP: 32, MFILE: 33, NAMETOOLONG: 37, NOENT: 44, NOSPC: 51, NOSYS: 52, NOTDIR: 54, NOTEMPTY: 55,
  NOTSUP: 58, PERM: 63, PIPE: 64, ROFS: 69, SPIPE: 70, XDEV: 75,
};
const FROM_NODE = {
  EACCES: ERRNO.ACCES, EAGAIN: ERRNO.AGAIN, EBADF: ERRNO.BADF, EEXIST: ERRNO.EXIST, EINVAL: ERRNO.INVAL,
  EISDIR: ERRNO.ISDIR, ELOOP: ERRNO.LOOP, EMFILE: ERRNO.MFILE, ENAMETOOLONG: ERRNO.NAMETOOLONG,
  ENOENT: ERRNO.NOENT, ENOSPC: ERRNO.NOSPC, ENOTDIR: ERRNO.NOTDIR, ENOTEMPTY: ERRNO.NOTEMPTY,
  EPERM: ERRNO.PERM, EPIPE: ERRNO.PIPE, EROFS: ERRNO.ROFS, ESPIPE: ERRNO.SPIPE, EXDEV: ERRNO.XDEV,
};
const FILETYPE = { UNKNOWN: 0, CHARACTER_DEVICE: 2, DIRECTORY: 3, REGULAR_FILE: 4, SYMBOLIC_LINK: 7 };
const OFLAGS = { CREAT: 1, DIRECTORY: 2, EXCL: 4, TRUNC: 8 };
const FDFLAGS_APPEND = 1;
const LOOKUP_SYMLINK_FOLLOW = 1;
const RIGHTS_FD_READ = 1n << 1n;
const RIGHTS_FD_SEEK = 1n << 2n;
const RIGHTS_FD_TELL = 1n << 5n;
const RIGHTS_FD_WRITE = 1n << 6n;
const RIGHTS_ALL = (1n << 30n) - 1n;
// wasi-libc's isatty(): a character device that cannot seek. indicatif draws its progress bar
// only on a terminal, so the host's stderr is one exactly when the real stderr is.
const RIGHTS_TTY = RIGHTS_ALL & ~RIGHTS_FD_SEEK & ~RIGHTS_FD_TELL;
const PREOPEN_FD = 3;

/** What `proc_exit` throws to unwind out of the wasm. */
class Exit {
  constructor(code) {
    this.code = code;
  }
}

/** Thrown inside a host call and returned to the guest as its errno. */
class Errno {
  constructor(errno) {
    this.errno = errno;
  }
}

const fail = (errno) => {
  throw new Errno(errno);
};

const nodeErrno = (error) => FROM_NODE[error?.code] ?? ERRNO.IO;

/** Sleeps without an event loop (a host call must return synchronously). */
const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Guest paths are POSIX; on Windows "/C:/site" is the host's "C:/site". */
export const toHost = process.platform === 'win32' ? (p) => (/^\/[A-Za-z]:/.test(p) ? p.slice(1) : p) : (p) => p;
export const toGuest = process.platform === 'win32'
  ? (p) => `/${path.resolve(p).replace(/\\/g, '/')}`
  : (p) => path.resolve(p);

/** A file held in memory: an in-memory page, or one the builder wrote while writes are kept. */
class MemoryFile {
  constructor(bytes = new Uint8Array(0)) {
    this.bytes = bytes;
    this.size = bytes.length;
    this.mtime = BigInt(Date.now()) * 1_000_000n;
  }

  write(data, at) {
    const end = at + data.length;
    if (end > this.bytes.length) {
      const grown = new Uint8Array(Math.max(end, this.bytes.length * 2, 4096));
      grown.set(this.bytes.subarray(0, this.size));
      this.bytes = grown;
    }
    this.bytes.set(data, at);
    this.size = Math.max(this.size, end);
  }

  contents() {
    return this.bytes.slice(0, this.size);
  }
}

/**
 * Runs one instance of a WASI command module.
 *   args, env        the guest's argv (args[0] is its name) and environment
 *   stdin            a host fd to read, or null for an empty stdin
 *   stdout, stderr   a host fd (1, 2) to write to, or a function receiving the bytes
 *   pages            Map of guest path → Uint8Array: files that exist only in memory; each
 *                    takes the place of a file on disk at its path, beside the files there
 *   keepWrites       files the guest creates are kept in memory (see `written`), not written
 */
export class WasiHost {
  constructor({ args, env = {}, stdin = null, stdout = 1, stderr = 2, pages = new Map(), keepWrites = false }) {
    this.args = args.map((a) => new TextEncoder().encode(`${a}\0`));
    this.env = Object.entries(env).map(([k, v]) => new TextEncoder().encode(`${k}=${v}\0`));
    this.stdio = [stdin, stdout, stderr];
    this.memoryFiles = new Map();
    /** Every folder above an in-memory file (or made by the guest while writes are kept):
     * listed and seen as folders even where there is none on disk. */
    this.memoryFolders = new Set();
    for (const [guestPath, bytes] of pages) {
      this.memoryFiles.set(guestPath, new MemoryFile(bytes));
      this.addFolders(posix.dirname(guestPath));
    }
    this.keepWrites = keepWrites;
    /** Guest path → MemoryFile, for every file the guest created while writes are kept. */
    this.written = new Map();
    this.fds = new Map([[PREOPEN_FD, { kind: 'dir', path: '/' }]]);
    this.nextFd = PREOPEN_FD + 1;
    this.memory = null;
  }

  addFolders(folder) {
    for (; ; folder = posix.dirname(folder)) {
      this.memoryFolders.add(folder);
      if (folder === '/') break;
    }
  }

  /** Runs the module's `_start`; resolves to its exit code. */
  run(module) {
    const instance = new WebAssembly.Instance(module, { wasi_snapshot_preview1: this.imports() });
    this.memory = instance.exports.memory;
    try {
      instance.exports._start();
      return 0;
    } catch (error) {
      if (error instanceof Exit) return error.code;
      throw error;
    } finally {
      for (const entry of this.fds.values()) if (entry.hostFd !== undefined) fs.closeSync(entry.hostFd);
      this.fds.clear();
    }
  }

  // ---- memory access (re-read on every call: the guest's memory may have grown) ----

  view() {
    return new DataView(this.memory.buffer);
  }

  bytes(ptr, len) {
    return new Uint8Array(this.memory.buffer, ptr, len);
  }

  string(ptr, len) {
    return new TextDecoder().decode(this.bytes(ptr, len));
  }

  /** The iovecs at `iovs` as views of the guest's memory. */
  iovecs(iovs, count) {
    const view = this.view();
    const out = [];
    for (let i = 0; i < count; i++) {
      out.push(this.bytes(view.getUint32(iovs + i * 8, true), view.getUint32(iovs + i * 8 + 4, true)));
    }
    return out;
  }

  // ---- files ----

  entry(fd) {
    return this.fds.get(fd) ?? fail(ERRNO.BADF);
  }

  open(entry) {
    const fd = this.nextFd++;
    this.fds.set(fd, entry);
    return fd;
  }

  /** The guest path `name` inside the folder open as `fd`. */
  resolve(fd, name) {
    const folder = this.entry(fd);
    if (folder.kind !== 'dir') fail(ERRNO.NOTDIR);
    return posix.resolve(folder.path, name);
  }

  /** The in-memory file at `guestPath` (it takes the place of a file on disk there), or null. */
  memoryFile(guestPath) {
    return this.written.get(guestPath) ?? this.memoryFiles.get(guestPath) ?? null;
  }

  isMemoryFolder(guestPath) {
    return this.memoryFolders.has(guestPath);
  }

  /** { filetype, size, ino, mtime, ... } of a guest path. */
  stat(guestPath, follow = true) {
    const file = this.memoryFile(guestPath);
    if (file) return memoryStat(file);
    let stats;
    try {
      stats = (follow ? fs.statSync : fs.lstatSync)(toHost(guestPath), { bigint: true });
    } catch (error) {
      if (error.code === 'ENOENT' && this.isMemoryFolder(guestPath)) {
        return { filetype: FILETYPE.DIRECTORY, size: 0n, dev: 0n, ino: 0n, nlink: 1n, atime: 0n, mtime: 0n, ctime: 0n };
      }
      fail(nodeErrno(error));
    }
    return fromStats(stats);
  }

  writeStat(ptr, s) {
    const view = this.view();
    view.setBigUint64(ptr, s.dev, true);
    view.setBigUint64(ptr + 8, s.ino, true);
    view.setUint8(ptr + 16, s.filetype);
    view.setBigUint64(ptr + 24, s.nlink, true);
    view.setBigUint64(ptr + 32, s.size, true);
    view.setBigUint64(ptr + 40, s.atime, true);
    view.setBigUint64(ptr + 48, s.mtime, true);
    view.setBigUint64(ptr + 56, s.ctime, true);
  }

  isTerminal(fd) {
    const target = this.stdio[fd];
    return typeof target === 'number' && tty.isatty(target);
  }

  readStdin(buffers) {
    const fd = this.stdio[0];
    if (fd === null) return 0;
    for (;;) {
      try {
        return fs.readSync(fd, buffers[0], 0, buffers[0].length, null);
      } catch (error) {
        if (error.code === 'EOF') return 0;
        if (error.code !== 'EAGAIN') throw error;
        pause(5);
      }
    }
  }

  writeStdio(fd, buffers) {
    const target = this.stdio[fd];
    let total = 0;
    for (const buffer of buffers) {
      if (typeof target === 'function') {
        target(buffer.slice());
        total += buffer.length;
        continue;
      }
      for (let done = 0; done < buffer.length;) {
        try {
          done += fs.writeSync(target, buffer, done, buffer.length - done);
        } catch (error) {
          if (error.code !== 'EAGAIN') throw error;
          pause(5);
        }
      }
      total += buffer.length;
    }
    return total;
  }

  readdirEntries(entry) {
    if (entry.listing) return entry.listing;
    const byName = new Map();
    let onDisk = [];
    try {
      onDisk = fs.readdirSync(toHost(entry.path), { withFileTypes: true });
    } catch (error) {
      if (!(error.code === 'ENOENT' && this.isMemoryFolder(entry.path))) fail(nodeErrno(error));
    }
    for (const d of onDisk) byName.set(d.name, direntType(d));
    for (const p of [...this.memoryFiles.keys(), ...this.written.keys()]) {
      if (posix.dirname(p) === entry.path) byName.set(posix.basename(p), FILETYPE.REGULAR_FILE);
    }
    for (const folder of this.memoryFolders) {
      if (folder !== '/' && posix.dirname(folder) === entry.path) byName.set(posix.basename(folder), FILETYPE.DIRECTORY);
    }
    entry.listing = [...byName].map(([name, type]) => ({ name: new TextEncoder().encode(name), type }));
    return entry.listing;
  }

  // ---- the imports ----

  imports() {
    const calls = {
      args_sizes_get: (argc, size) => this.sizes(this.args, argc, size),
      args_get: (argv, buf) => this.strings(this.args, argv, buf),
      environ_sizes_get: (count, size) => this.sizes(this.env, count, size),
      environ_get: (environ, buf) => this.strings(this.env, environ, buf),

      clock_res_get: (_id, res) => this.view().setBigUint64(res, 1000n, true),
      clock_time_get: (id, _precision, time) => {
        const now = id === 0 ? BigInt(Date.now()) * 1_000_000n : process.hrtime.bigint();
        this.view().setBigUint64(time, now, true);
      },
      random_get: (ptr, len) => {
        for (let at = 0; at < len; at += 65536) randomFillSync(this.bytes(ptr + at, Math.min(65536, len - at)));
      },
      sched_yield: () => {},
      proc_exit: (code) => {
        throw new Exit(code);
      },

      fd_prestat_get: (fd, ptr) => {
        if (fd !== PREOPEN_FD) fail(ERRNO.BADF);
        const view = this.view();
        view.setUint8(ptr, 0); // a folder
        view.setUint32(ptr + 4, 1, true); // "/"
      },
      fd_prestat_dir_name: (fd, ptr, len) => {
        if (fd !== PREOPEN_FD) fail(ERRNO.BADF);
        if (len < 1) fail(ERRNO.NAMETOOLONG);
        this.bytes(ptr, 1)[0] = 0x2f;
      },

      fd_fdstat_get: (fd, ptr) => {
        let filetype;
        let rights = RIGHTS_ALL;
        let flags = 0;
        if (fd <= 2) {
          const terminal = this.isTerminal(fd);
          filetype = terminal ? FILETYPE.CHARACTER_DEVICE : FILETYPE.UNKNOWN;
          if (terminal) rights = RIGHTS_TTY;
        } else {
          const entry = this.entry(fd);
          filetype = entry.kind === 'dir' ? FILETYPE.DIRECTORY : FILETYPE.REGULAR_FILE;
          if (entry.append) flags = FDFLAGS_APPEND;
        }
        const view = this.view();
        view.setUint8(ptr, filetype);
        view.setUint16(ptr + 2, flags, true);
        view.setBigUint64(ptr + 8, rights, true);
        view.setBigUint64(ptr + 16, rights, true);
      },
      fd_fdstat_set_flags: () => {},
      fd_filestat_get: (fd, ptr) => {
        if (fd <= 2) {
          this.writeStat(ptr, { dev: 0n, ino: 0n, filetype: this.isTerminal(fd) ? FILETYPE.CHARACTER_DEVICE : FILETYPE.UNKNOWN, nlink: 1n, size: 0n, atime: 0n, mtime: 0n, ctime: 0n });
          return;
        }
        const entry = this.entry(fd);
        if (entry.memory) {
          this.writeStat(ptr, memoryStat(entry.memory));
        } else if (entry.hostFd !== undefined) {
          this.writeStat(ptr, fromStats(fs.fstatSync(entry.hostFd, { bigint: true })));
        } else {
          this.writeStat(ptr, this.stat(entry.path));
        }
      },
      path_filestat_get: (fd, lookup, pathPtr, pathLen, ptr) => {
        this.writeStat(ptr, this.stat(this.resolve(fd, this.string(pathPtr, pathLen)), (lookup & LOOKUP_SYMLINK_FOLLOW) !== 0));
      },

      path_open: (dirFd, _lookup, pathPtr, pathLen, oflags, rightsBase, _inheriting, fdflags, fdPtr) => {
        const guestPath = this.resolve(dirFd, this.string(pathPtr, pathLen));
        const write = (BigInt(rightsBase) & RIGHTS_FD_WRITE) !== 0n || (oflags & (OFLAGS.CREAT | OFLAGS.TRUNC)) !== 0;
        const read = (BigInt(rightsBase) & RIGHTS_FD_READ) !== 0n;
        const append = (fdflags & FDFLAGS_APPEND) !== 0;
        this.view().setUint32(fdPtr, this.openPath(guestPath, { oflags, write, read, append }), true);
      },
      fd_close: (fd) => {
        const entry = this.entry(fd);
        if (fd === PREOPEN_FD) fail(ERRNO.BADF);
        this.fds.delete(fd);
        if (entry.hostFd !== undefined) fs.closeSync(entry.hostFd);
      },

      fd_read: (fd, iovs, count, nread) => {
        const buffers = this.iovecs(iovs, count).filter((b) => b.length > 0);
        let total = 0;
        if (fd === 0) {
          total = buffers.length ? this.readStdin(buffers) : 0;
        } else {
          const entry = this.entry(fd);
          if (entry.kind === 'dir') fail(ERRNO.ISDIR);
          for (const buffer of buffers) {
            const n = this.readAt(entry, buffer, entry.position);
            entry.position += n;
            total += n;
            if (n < buffer.length) break;
          }
        }
        this.view().setUint32(nread, total, true);
      },
      fd_pread: (fd, iovs, count, offset, nread) => {
        const entry = this.entry(fd);
        let at = Number(offset);
        let total = 0;
        for (const buffer of this.iovecs(iovs, count)) {
          const n = this.readAt(entry, buffer, at);
          at += n;
          total += n;
          if (n < buffer.length) break;
        }
        this.view().setUint32(nread, total, true);
      },
      fd_write: (fd, iovs, count, nwritten) => {
        const buffers = this.iovecs(iovs, count);
        let total;
        if (fd === 1 || fd === 2) {
          total = this.writeStdio(fd, buffers);
        } else {
          const entry = this.entry(fd);
          total = 0;
          for (const buffer of buffers) {
            const at = entry.append ? null : entry.position;
            const n = this.writeAt(entry, buffer, at);
            if (!entry.append) entry.position += n;
            total += n;
          }
        }
        this.view().setUint32(nwritten, total, true);
      },
      fd_pwrite: (fd, iovs, count, offset, nwritten) => {
        const entry = this.entry(fd);
        let at = Number(offset);
        let total = 0;
        for (const buffer of this.iovecs(iovs, count)) {
          const n = this.writeAt(entry, buffer, at);
          at += n;
          total += n;
        }
        this.view().setUint32(nwritten, total, true);
      },
      fd_seek: (fd, offset, whence, newOffset) => {
        if (fd <= 2) fail(ERRNO.SPIPE);
        const entry = this.entry(fd);
        if (entry.kind === 'dir') fail(ERRNO.SPIPE);
        const size = entry.memory ? entry.memory.size : Number(fs.fstatSync(entry.hostFd).size);
        const base = [0, entry.position, size][whence];
        if (base === undefined) fail(ERRNO.INVAL);
        const position = base + Number(offset);
        if (position < 0) fail(ERRNO.INVAL);
        entry.position = position;
        this.view().setBigUint64(newOffset, BigInt(position), true);
      },
      fd_tell: (fd, ptr) => this.view().setBigUint64(ptr, BigInt(this.entry(fd).position ?? 0), true),
      fd_sync: () => {},
      fd_datasync: () => {},
      fd_advise: () => {},
      fd_allocate: () => {},
      fd_filestat_set_size: (fd, size) => {
        const entry = this.entry(fd);
        if (entry.memory) entry.memory.size = Math.min(entry.memory.size, Number(size));
        else fs.ftruncateSync(entry.hostFd, Number(size));
      },

      fd_readdir: (fd, buf, bufLen, cookie, bufUsed) => {
        const entry = this.entry(fd);
        if (entry.kind !== 'dir') fail(ERRNO.NOTDIR);
        const listing = this.readdirEntries(entry);
        // Entries (a 24-byte header and the name) are written back to back; the last one may be
        // cut at the end of the buffer, which tells wasi-libc to ask again with a larger one.
        const out = new Uint8Array(bufLen);
        let used = 0;
        for (let i = Number(cookie); i < listing.length && used < bufLen; i++) {
          const { name, type } = listing[i];
          const record = new Uint8Array(24 + name.length);
          const header = new DataView(record.buffer);
          header.setBigUint64(0, BigInt(i + 1), true);
          header.setBigUint64(8, BigInt(i + 1), true);
          header.setUint32(16, name.length, true);
          header.setUint8(20, type);
          record.set(name, 24);
          const n = Math.min(record.length, bufLen - used);
          out.set(record.subarray(0, n), used);
          used += n;
        }
        this.bytes(buf, used).set(out.subarray(0, used));
        this.view().setUint32(bufUsed, used, true);
      },
      path_readlink: (fd, pathPtr, pathLen, buf, bufLen, bufUsed) => {
        const guestPath = this.resolve(fd, this.string(pathPtr, pathLen));
        if (this.memoryFile(guestPath)) fail(ERRNO.INVAL);
        let target;
        try {
          target = new TextEncoder().encode(fs.readlinkSync(toHost(guestPath)));
        } catch (error) {
          fail(nodeErrno(error));
        }
        const n = Math.min(target.length, bufLen);
        this.bytes(buf, n).set(target.subarray(0, n));
        this.view().setUint32(bufUsed, n, true);
      },
      path_create_directory: (fd, pathPtr, pathLen) => {
        const guestPath = this.resolve(fd, this.string(pathPtr, pathLen));
        if (this.keepWrites) {
          if (this.memoryFolders.has(guestPath)) fail(ERRNO.EXIST);
          this.addFolders(guestPath);
          return;
        }
        this.onDisk(() => fs.mkdirSync(toHost(guestPath)));
      },
      path_unlink_file: (fd, pathPtr, pathLen) => {
        const guestPath = this.resolve(fd, this.string(pathPtr, pathLen));
        if (this.written.delete(guestPath)) return;
        if (this.memoryFile(guestPath)) fail(ERRNO.ACCES);
        this.onDisk(() => fs.unlinkSync(toHost(guestPath)));
      },
      path_remove_directory: (fd, pathPtr, pathLen) => {
        const guestPath = this.resolve(fd, this.string(pathPtr, pathLen));
        if (this.keepWrites && this.memoryFolders.delete(guestPath)) return;
        this.onDisk(() => fs.rmdirSync(toHost(guestPath)));
      },
      path_rename: (fd, fromPtr, fromLen, toFd, toPtr, toLen) => {
        const from = this.resolve(fd, this.string(fromPtr, fromLen));
        const to = this.resolve(toFd, this.string(toPtr, toLen));
        const kept = this.written.get(from);
        if (kept) {
          this.written.delete(from);
          this.written.set(to, kept);
          return;
        }
        if (this.memoryFile(from)) fail(ERRNO.ACCES);
        this.onDisk(() => fs.renameSync(toHost(from), toHost(to)));
      },
    };
    // Every call returns an errno: host failures become the guest's error codes.
    const imports = {};
    for (const [name, call] of Object.entries(calls)) {
      imports[name] = (...args) => {
        try {
          call(...args);
          return ERRNO.SUCCESS;
        } catch (error) {
          if (error instanceof Errno) return error.errno;
          if (typeof error?.syscall === 'string') return nodeErrno(error); // node:fs failed
          throw error; // proc_exit, or a bug in this host: never hidden as an errno
        }
      };
    }
    return new Proxy(imports, {
      get: (target, name) => target[name] ?? (() => ERRNO.NOSYS),
      has: () => true,
    });
  }

  onDisk(action) {
    try {
      action();
    } catch (error) {
      fail(nodeErrno(error));
    }
  }

  sizes(list, countPtr, sizePtr) {
    const view = this.view();
    view.setUint32(countPtr, list.length, true);
    view.setUint32(sizePtr, list.reduce((n, s) => n + s.length, 0), true);
  }

  strings(list, pointers, buffer) {
    const view = this.view();
    let at = buffer;
    list.forEach((s, i) => {
      view.setUint32(pointers + i * 4, at, true);
      this.bytes(at, s.length).set(s);
      at += s.length;
    });
  }

  openPath(guestPath, { oflags, write, read, append }) {
    const kept = this.written.get(guestPath);
    const inMemory = this.memoryFile(guestPath);
    if (inMemory && !kept && write) fail(ERRNO.ACCES); // in-memory pages are inputs
    if (inMemory) {
      if (oflags & OFLAGS.DIRECTORY) fail(ERRNO.NOTDIR);
      if ((oflags & OFLAGS.CREAT) && (oflags & OFLAGS.EXCL)) fail(ERRNO.EXIST);
      if (oflags & OFLAGS.TRUNC) inMemory.size = 0;
      return this.open({ kind: 'file', path: guestPath, memory: inMemory, position: 0, append });
    }
    if (write && this.keepWrites) {
      if (this.memoryFolders.has(guestPath)) fail(ERRNO.ISDIR);
      if (!(oflags & OFLAGS.CREAT)) fail(ERRNO.NOENT);
      const file = new MemoryFile();
      this.written.set(guestPath, file);
      return this.open({ kind: 'file', path: guestPath, memory: file, position: 0, append });
    }
    let isFolder = false;
    try {
      isFolder = fs.statSync(toHost(guestPath)).isDirectory();
    } catch (error) {
      if (!(oflags & OFLAGS.CREAT) && !this.isMemoryFolder(guestPath)) fail(nodeErrno(error));
      isFolder = this.isMemoryFolder(guestPath);
    }
    if (isFolder) {
      if (write) fail(ERRNO.ISDIR);
      return this.open({ kind: 'dir', path: guestPath });
    }
    if (oflags & OFLAGS.DIRECTORY) fail(ERRNO.NOTDIR);
    const c = fs.constants;
    let flags = write ? (read ? c.O_RDWR : c.O_WRONLY) : c.O_RDONLY;
    if (oflags & OFLAGS.CREAT) flags |= c.O_CREAT;
    if (oflags & OFLAGS.EXCL) flags |= c.O_EXCL;
    if (oflags & OFLAGS.TRUNC) flags |= c.O_TRUNC;
    if (append) flags |= c.O_APPEND;
    let hostFd;
    try {
      hostFd = fs.openSync(toHost(guestPath), flags, 0o666);
    } catch (error) {
      fail(nodeErrno(error));
    }
    return this.open({ kind: 'file', path: guestPath, hostFd, position: 0, append });
  }

  readAt(entry, buffer, at) {
    if (entry.memory) {
      const n = Math.max(0, Math.min(buffer.length, entry.memory.size - at));
      buffer.set(entry.memory.bytes.subarray(at, at + n));
      return n;
    }
    return fs.readSync(entry.hostFd, buffer, 0, buffer.length, at);
  }

  writeAt(entry, buffer, at) {
    if (entry.memory) {
      entry.memory.write(buffer, at ?? entry.memory.size);
      return buffer.length;
    }
    return fs.writeSync(entry.hostFd, buffer, 0, buffer.length, at);
  }
}

function memoryStat(file) {
  const size = BigInt(file.size);
  return { dev: 0n, ino: 0n, filetype: FILETYPE.REGULAR_FILE, nlink: 1n, size, atime: file.mtime, mtime: file.mtime, ctime: file.mtime };
}

function fromStats(s) {
  let filetype = FILETYPE.UNKNOWN;
  if (s.isFile()) filetype = FILETYPE.REGULAR_FILE;
  else if (s.isDirectory()) filetype = FILETYPE.DIRECTORY;
  else if (s.isSymbolicLink()) filetype = FILETYPE.SYMBOLIC_LINK;
  else if (s.isCharacterDevice()) filetype = FILETYPE.CHARACTER_DEVICE;
  return { dev: s.dev, ino: s.ino, filetype, nlink: s.nlink, size: s.size, atime: s.atimeNs, mtime: s.mtimeNs, ctime: s.ctimeNs };
}

function direntType(d) {
  if (d.isFile()) return FILETYPE.REGULAR_FILE;
  if (d.isDirectory()) return FILETYPE.DIRECTORY;
  if (d.isSymbolicLink()) return FILETYPE.SYMBOLIC_LINK;
  return FILETYPE.UNKNOWN;
}

/** The preview-1 functions this host implements (the others answer ENOSYS). */
export const IMPLEMENTED = Object.freeze(Object.keys(new WasiHost({ args: [] }).imports()));
