import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createDataCipher } from './crypto';

const cipher = createDataCipher(crypto.randomBytes(32));

describe('data cipher', () => {
  it('opens what it sealed and hashes equal values equally', () => {
    const sealed = cipher.encrypt('330483199001021234');
    expect(cipher.decrypt(sealed)).toBe('330483199001021234');
    expect(cipher.hash('13800138000').equals(cipher.hash('13800138000'))).toBe(true);
    expect(cipher.hash('13800138000').equals(cipher.hash('13800138001'))).toBe(false);
  });

  it('refuses a sealed value that was altered', () => {
    const sealed = cipher.encrypt('330483199001021234');
    sealed[sealed.length - 1] ^= 1;
    expect(() => cipher.decrypt(sealed)).toThrow();
  });

  it('another key neither opens the value nor gives the same hash', () => {
    const other = createDataCipher(crypto.randomBytes(32));
    expect(() => other.decrypt(cipher.encrypt('王小明'))).toThrow();
    expect(other.hash('王小明').equals(cipher.hash('王小明'))).toBe(false);
  });
});

describe('sealing in bulk on the worker thread', () => {
  it('gives what encrypt and hash give, value by value, null kept as null', async () => {
    const values = ['330483199001021234', null, '13800138000', '', '王小明·阿依古丽', null, '😀 emoji'];
    const sealed = await cipher.sealMany(values);
    expect(sealed).toHaveLength(values.length);
    values.forEach((value, i) => {
      if (value === null) return expect(sealed[i]).toBeNull();
      expect(cipher.decrypt(sealed[i]!.sealed)).toBe(value);
      expect(sealed[i]!.hash.equals(cipher.hash(value))).toBe(true);
    });
  });

  it('uses a fresh nonce for every value, so equal values seal differently', async () => {
    const sealed = await cipher.sealMany(Array.from({ length: 500 }, () => '330483199001021234'));
    const nonces = new Set(sealed.map((s) => s!.sealed.subarray(1, 13).toString('hex')));
    expect(nonces.size).toBe(500);
    const ciphertexts = new Set(sealed.map((s) => s!.sealed.toString('hex')));
    expect(ciphertexts.size).toBe(500);
  });

  it('answers batches sent at once each with their own values', async () => {
    const batches = Array.from({ length: 6 }, (_, b) => Array.from({ length: 300 }, (_, i) => `${b}-${i}`));
    const results = await Promise.all(batches.map((batch) => cipher.sealMany(batch)));
    results.forEach((sealed, b) => {
      expect(sealed.map((s) => cipher.decrypt(s!.sealed))).toEqual(batches[b]);
    });
  });

  it('rejects a batch the worker fails on, and seals the next batch on a new worker', async () => {
    await expect(cipher.sealMany([42 as never])).rejects.toThrow();
    const again = await Promise.all([cipher.sealMany(['甲']), cipher.sealMany(['乙'])]);
    expect(again.map(([s]) => cipher.decrypt(s!.sealed))).toEqual(['甲', '乙']);
  });

  it('rejects a batch that cannot be sent to the worker, and goes on sealing', async () => {
    await expect(cipher.sealMany([Symbol('not a value') as never])).rejects.toThrow();
    const [s] = await cipher.sealMany(['丙']);
    expect(cipher.decrypt(s!.sealed)).toBe('丙');
  });

  it('seals one value as encrypt and hash do, without a worker', () => {
    const { seal } = cipher;
    const one = seal('330483199001021234');
    expect(cipher.decrypt(one.sealed)).toBe('330483199001021234');
    expect(one.hash.equals(cipher.hash('330483199001021234'))).toBe(true);
  });

  it('returns an empty batch without starting work', async () => {
    expect(await cipher.sealMany([])).toEqual([]);
  });
});
