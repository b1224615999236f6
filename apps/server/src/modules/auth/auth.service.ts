import { hash, verify } from '@node-rs/argon2';
import { sql } from 'kysely';
import { DEFAULT_RULE_SETTINGS, validatePhone } from '@hongyun/shared';
import type { DataCipher } from '../../platform/crypto';
import type { Database } from '../../db/database';
import type { Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import { forgetSessionsOf } from '../../platform/session';
import { TooManyRequests, Unauthenticated, invalidField } from '../../platform/errors';

// OWASP password storage: argon2id, m=19 MiB, t=2, p=1.
const ARGON = { memoryCost: 19456, timeCost: 2, parallelism: 1, algorithm: 2 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON);
}

/** A password users can remember but not guess: length plus two kinds of character. */
export function checkPasswordStrength(password: string, username: string): string | null {
  if (password.length < 10) return '新密码至少 10 位';
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (kinds < 2) return '新密码需包含字母、数字、符号中的至少两类';
  if (password.toLowerCase().includes(username.toLowerCase())) return '新密码不能包含用户名';
  return null;
}

/** Per-address window of failed attempts, kept in memory: a brake on guessing from one place. */
class AttemptWindow {
  private readonly hits = new Map<string, number[]>();
  constructor(private readonly limit: number, private readonly windowMs: number) {}
  /** Seconds to wait when the key is over its limit (without recording an attempt), else 0. */
  wait(key: string, now = Date.now()): number {
    const list = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    return list.length >= this.limit ? Math.ceil((list[0] + this.windowMs - now) / 1000) : 0;
  }

  /** Records an attempt; returns seconds to wait when over the limit, else 0. */
  hit(key: string, now = Date.now()): number {
    const list = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    list.push(now);
    this.hits.set(key, list);
    if (this.hits.size > 10000) this.hits.delete(this.hits.keys().next().value!);
    return list.length > this.limit ? Math.ceil((list[0] + this.windowMs - now) / 1000) : 0;
  }
}

const DUMMY_HASH = hash('not-a-real-password', ARGON);

export function createAuthService(deps: { db: Database; cipher: DataCipher }) {
  const { db, cipher } = deps;
  const perAddress = new AttemptWindow(30, 10 * 60 * 1000);
  const maxFailures = DEFAULT_RULE_SETTINGS.loginMaxFailures.value;
  const lockoutMinutes = DEFAULT_RULE_SETTINGS.lockoutMinutes.value;
  // Unknown names "lock" exactly like real accounts, so the answers never tell which exist.
  const unknownNames = new AttemptWindow(maxFailures - 1, lockoutMinutes * 60 * 1000);
  const lockedMessage = `密码错误次数过多，账号已临时锁定 ${lockoutMinutes} 分钟，请稍后再试或联系管理员重置`;

  /** One login check: the account, its lock, the password; failures are counted and audited. */
  async function checkLogin(input: { username: string; password: string }, ip: string): Promise<{ userId: number }> {
    const login = input.username.trim().toLowerCase();
    const phone = validatePhone(login);
    const user = await db
      .selectFrom('appUser')
      .select(['id', 'username', 'displayName', 'passwordHash', 'failedLogins', 'lockedUntil', 'disabledAt'])
      .where((eb) => eb.or([eb('username', '=', login), ...(phone.ok ? [eb('phoneHash', '=', cipher.hash(phone.value))] : [])]))
      .executeTakeFirst();
    if (!user || user.disabledAt) {
      await verify(await DUMMY_HASH, input.password).catch(() => false);
      if (unknownNames.hit(login) > 0) throw new TooManyRequests(lockedMessage, lockoutMinutes * 60);
      throw new Unauthenticated('LOGIN_FAILED', '用户名或密码不正确');
    }
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      throw new TooManyRequests(lockedMessage, Math.ceil((user.lockedUntil.getTime() - Date.now()) / 1000));
    }
    const ok = await verify(user.passwordHash, input.password).catch(() => false);
    const actor = { userId: user.id, displayName: user.displayName, ip };
    if (!ok) {
      const failures = await db.transaction().execute(async (tx) => {
        const { rows } = await sql<{ failedLogins: number }>`
          update app_user set failed_logins = failed_logins + 1,
            locked_until = case when failed_logins + 1 >= ${maxFailures} then now() + make_interval(mins => ${lockoutMinutes}) else locked_until end
          where id = ${user.id} returning failed_logins as "failedLogins"`.execute(tx);
        const count = rows[0].failedLogins;
        await audit(tx, actor, { action: 'auth.loginFailed', targetType: 'user', targetId: user.id, detail: { failures: count, locked: count >= maxFailures } });
        if (count >= maxFailures) await tx.updateTable('appUser').set({ failedLogins: 0 }).where('id', '=', user.id).execute();
        return count;
      });
      if (failures >= maxFailures) throw new TooManyRequests(lockedMessage, lockoutMinutes * 60);
      throw new Unauthenticated('LOGIN_FAILED', '用户名或密码不正确');
    }
    await db.transaction().execute(async (tx) => {
      await tx.updateTable('appUser').set({ failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() }).where('id', '=', user.id).execute();
      await audit(tx, actor, { action: 'auth.login', targetType: 'user', targetId: user.id });
    });
    return { userId: user.id };
  }

  return {
    /**
     * Checks a username (or phone) and password. Throws Unauthenticated for any mismatch
     * with one message (no hint whether the account exists), TooManyRequests when the
     * address is over its limit or the account is temporarily locked.
     */
    async login(input: { username: string; password: string }, ip: string): Promise<{ userId: number }> {
      const wait = perAddress.wait(ip);
      if (wait > 0) throw new TooManyRequests(`登录尝试过于频繁，请 ${Math.ceil(wait / 60)} 分钟后再试`, wait);
      try {
        return await checkLogin(input, ip);
      } catch (error) {
        // Only failures count against the address: an office behind one NAT address logs in freely.
        perAddress.hit(ip);
        throw error;
      }
    },

    /** Changes the caller's password after checking the current one; ends other sessions. */
    async changePassword(actor: Actor, input: { currentPassword: string; newPassword: string }, keepSession: Buffer): Promise<void> {
      const user = await db.selectFrom('appUser').select(['passwordHash', 'username']).where('id', '=', actor.userId).executeTakeFirstOrThrow();
      if (!(await verify(user.passwordHash, input.currentPassword).catch(() => false))) {
        invalidField('currentPassword', '当前密码不正确');
      }
      const weak = checkPasswordStrength(input.newPassword, user.username);
      if (weak) invalidField('newPassword', weak);
      if (input.newPassword === input.currentPassword) invalidField('newPassword', '新密码不能与当前密码相同');
      const passwordHash = await hashPassword(input.newPassword);
      await db.transaction().execute(async (tx) => {
        await tx.updateTable('appUser').set({ passwordHash, mustChangePassword: false, passwordChangedAt: new Date() }).where('id', '=', actor.userId).execute();
        await tx.deleteFrom('session').where('userId', '=', actor.userId).where('tokenHash', '<>', keepSession).execute();
        await audit(tx, actor, { action: 'auth.passwordChanged', targetType: 'user', targetId: actor.userId });
      });
      forgetSessionsOf(actor.userId);
    },
  };
}

