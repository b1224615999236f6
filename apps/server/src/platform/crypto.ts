import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Personal-data protection (architecture rule 4): AES-256-GCM for values at rest and a keyed
 * hash (HMAC-SHA256) for exact lookup and de-duplication. Both keys derive from one data key.
 */
export interface DataCipher {
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
  /** Deterministic keyed hash: equal inputs give equal hashes, nothing else is learnt. */
  hash(plain: string): Buffer;
  /** `encrypt` and `hash` together. */
  seal(plain: string): SealedValue;
  /**
   * `encrypt` and `hash` of many values at once, on a worker thread: for bulk work (an import
   * seals two values per row), so the calling thread goes on reading while they are sealed.
   * Null stays null.
   */
  sealMany(values: readonly (string | null)[]): Promise<(SealedValue | null)[]>;
}

export interface SealedValue {
  sealed: Buffer;
  hash: Buffer;
}

const FORMAT_V1 = 1;

/**
 * Nonces for AES-GCM come from a pooled buffer of CSPRNG bytes: one getrandom call per 4,096
 * encryptions instead of one each (an import seals two fields per row). Random 96-bit nonces
 * stay well inside GCM's safe bound for a single key at this volume.
 */
function noncePool(): () => Buffer {
  let pool = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset + 12 > pool.length) {
      pool = crypto.randomBytes(12 * 4096);
      offset = 0;
    }
    const iv = Buffer.from(pool.subarray(offset, offset + 12));
    offset += 12;
    return iv;
  };
}

export function createDataCipher(dataKey: Buffer): DataCipher {
  const nextNonce = noncePool();
  if (dataKey.length !== 32) throw new Error('the data key must be 32 bytes');
  const encKey = Buffer.from(crypto.hkdfSync('sha256', dataKey, Buffer.alloc(0), 'hongyun/enc/v1', 32));
  const macKey = Buffer.from(crypto.hkdfSync('sha256', dataKey, Buffer.alloc(0), 'hongyun/mac/v1', 32));
  const encrypt = (plain: string): Buffer => {
    const iv = nextNonce();
    const cipher = crypto.createCipheriv('aes-256-gcm', encKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([FORMAT_V1]), iv, cipher.getAuthTag(), body]);
  };
  const hash = (plain: string): Buffer => crypto.createHmac('sha256', macKey).update(plain, 'utf8').digest();
  return {
    encrypt,
    decrypt(sealed) {
      if (sealed[0] !== FORMAT_V1) throw new Error('unknown cipher format');
      const decipher = crypto.createDecipheriv('aes-256-gcm', encKey, sealed.subarray(1, 13));
      decipher.setAuthTag(sealed.subarray(13, 29));
      return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString('utf8');
    },
    hash,
    seal: (plain) => ({ sealed: encrypt(plain), hash: hash(plain) }),
    sealMany: sealingWorker(encKey, macKey),
  };
}

/**
 * The worker's code, plain CommonJS so that it starts without a loader: the same AES-256-GCM
 * layout as `encrypt` (format byte, nonce, tag, body) and HMAC-SHA256 as `hash`. A batch comes
 * back as three transferred buffers (sealed bytes, their offsets, 32-byte hashes), not as one
 * object per value.
 */
const SEALER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const crypto = require('node:crypto');
const encKey = crypto.createSecretKey(workerData.encKey);
const macKey = crypto.createSecretKey(workerData.macKey);
parentPort.on('message', ({ id, values }) => {
  const n = values.length;
  const nonces = crypto.randomBytes(12 * n);
  const ends = new Int32Array(n);
  const hashes = Buffer.from(new ArrayBuffer(32 * n));
  const bodies = new Array(n);
  const tags = new Array(n);
  let size = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v !== null) {
      const c = crypto.createCipheriv('aes-256-gcm', encKey, nonces.subarray(12 * i, 12 * i + 12));
      bodies[i] = c.update(v, 'utf8');
      c.final();
      tags[i] = c.getAuthTag();
      size += 29 + bodies[i].length;
      crypto.createHmac('sha256', macKey).update(v, 'utf8').digest().copy(hashes, 32 * i);
    }
    ends[i] = size;
  }
  const sealed = Buffer.from(new ArrayBuffer(size));
  for (let i = 0, at = 0; i < n; i++) {
    if (values[i] === null) continue;
    sealed[at] = ${FORMAT_V1};
    nonces.copy(sealed, at + 1, 12 * i, 12 * i + 12);
    tags[i].copy(sealed, at + 13);
    bodies[i].copy(sealed, at + 29);
    at = ends[i];
  }
  parentPort.postMessage({ id, sealed, ends, hashes }, [sealed.buffer, ends.buffer, hashes.buffer]);
});
`;

/** How long an idle sealing worker lives: then it ends, and the values it sealed go with its heap. */
const SEALER_IDLE_MS = 10_000;

/**
 * sealMany: one worker started at first use; it holds the process open only while it has work,
 * and ends after SEALER_IDLE_MS without any. A worker that fails takes its own batches with it
 * (they reject); the next call starts another.
 */
function sealingWorker(encKey: Buffer, macKey: Buffer): DataCipher['sealMany'] {
  type Job = { values: readonly (string | null)[]; resolve: (r: (SealedValue | null)[]) => void; reject: (e: unknown) => void };
  type Sealer = { worker: Worker; waiting: Map<number, Job>; idle: NodeJS.Timeout | null };
  let current: Sealer | null = null;
  let nextId = 0;
  const settled = (self: Sealer) => {
    if (self.waiting.size > 0) return;
    self.worker.unref();
    self.idle = setTimeout(() => {
      if (current === self) current = null;
      void self.worker.terminate();
    }, SEALER_IDLE_MS).unref();
  };
  const start = () => {
    const worker = new Worker(SEALER_SOURCE, { eval: true, workerData: { encKey, macKey } });
    const self: Sealer = { worker, waiting: new Map(), idle: null };
    // Buffers arrive as plain Uint8Arrays (structured clone).
    worker.on('message', ({ id, sealed, ends, hashes }: { id: number; sealed: Uint8Array; ends: Int32Array; hashes: Uint8Array }) => {
      const job = self.waiting.get(id);
      if (!job) return;
      self.waiting.delete(id);
      settled(self);
      const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
      const hashBytes = Buffer.from(hashes.buffer, hashes.byteOffset, hashes.byteLength);
      job.resolve(job.values.map((v, i) => {
        if (v === null) return null;
        const from = i === 0 ? 0 : ends[i - 1];
        return { sealed: bytes.subarray(from, ends[i]), hash: hashBytes.subarray(32 * i, 32 * i + 32) };
      }));
    });
    const fail = (error: unknown) => {
      if (current === self) current = null;
      if (self.idle) clearTimeout(self.idle);
      for (const job of self.waiting.values()) job.reject(error);
      self.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the sealing worker stopped (exit ${code})`)));
    return self;
  };
  return (values) => {
    if (values.length === 0) return Promise.resolve([]);
    const self = (current ??= start());
    if (self.idle) clearTimeout(self.idle);
    self.idle = null;
    self.worker.ref();
    const id = nextId++;
    return new Promise((resolve, reject) => {
      self.waiting.set(id, { values, resolve, reject });
      try {
        self.worker.postMessage({ id, values });
      } catch (error) {
        // A value that cannot be sent (not a string or null): nothing reached the worker.
        self.waiting.delete(id);
        settled(self);
        reject(error);
      }
    });
  };
}

/**
 * The data key: `HONGYUN_DATA_KEY` (64 hex chars, or any passphrase of ≥ 16 chars, stretched
 * with scrypt) or else a key file created on first start with mode 0600 under the data dir.
 */
export function loadDataKey(options: { dataKey?: string; dataDir: string }): Buffer {
  if (options.dataKey) {
    if (/^[0-9a-fA-F]{64}$/.test(options.dataKey)) return Buffer.from(options.dataKey, 'hex');
    if (options.dataKey.length < 16) {
      throw new Error('HONGYUN_DATA_KEY must be 64 hex characters or a passphrase of at least 16 characters');
    }
    return crypto.scryptSync(options.dataKey, 'hongyun-data-key', 32);
  }
  const file = path.join(options.dataDir, 'data.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
}

/** SHA-256 of a session token: the database never holds a usable token. */
export function tokenHash(token: string): Buffer {
  return crypto.hash('sha256', token, 'buffer');
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}
