import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Personal-data protection (architecture rule 4): AES-256-GCM for values at rest and a keyed
 * hash (HMAC-SHA256) for exact lookup and de-duplication. Both keys derive from one data key.
 */
export interface DataCipher {
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
  /** Deterministic keyed hash: equal inputs give equal hashes, nothing else is learnt. */
  hash(plain: string): Buffer;
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
  return {
    encrypt(plain) {
      const iv = nextNonce();
      const cipher = crypto.createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([FORMAT_V1]), iv, cipher.getAuthTag(), body]);
    },
    decrypt(sealed) {
      if (sealed[0] !== FORMAT_V1) throw new Error('unknown cipher format');
      const decipher = crypto.createDecipheriv('aes-256-gcm', encKey, sealed.subarray(1, 13));
      decipher.setAuthTag(sealed.subarray(13, 29));
      return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString('utf8');
    },
    hash(plain) {
      return crypto.createHmac('sha256', macKey).update(plain, 'utf8').digest();
    },
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
  return crypto.createHash('sha256').update(token).digest();
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}
