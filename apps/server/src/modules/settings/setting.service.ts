import type { Database } from '../../db/database';
import type { Access } from '../../platform/access';
import { audit } from '../../platform/audit';
import { Invalid, NotFound } from '../../platform/errors';
import { SETTINGS, settingSpec, type SettingSpec } from './setting.registry';

export interface SettingViewT {
  key: string;
  group: SettingSpec['group'];
  input: SettingSpec['input'];
  label: string;
  unit: string | null;
  value: unknown;
  defaultValue: unknown;
  isDefault: boolean;
  citation: string;
  updatedAt: string | null;
}

/** Reading and changing the deployment's rule settings; every change is audited with before and after. */
export function createSettingService(deps: { db: Database }) {
  const { db } = deps;

  async function stored() {
    const rows = await db.selectFrom('setting').select(['key', 'value', 'updatedAt']).where('key', 'in', SETTINGS.map((s) => s.key)).execute();
    return new Map(rows.map((r) => [r.key, r]));
  }

  return {
    async list(): Promise<SettingViewT[]> {
      const rows = await stored();
      return SETTINGS.map((s) => {
        const row = rows.get(s.key);
        // A stored value that no longer passes the check (an older format) is not applied by
        // readers either; show the default so the page tells the truth.
        const valid = row !== undefined && s.schema.safeParse(row.value).success;
        return {
          key: s.key, group: s.group, input: s.input, label: s.label, unit: s.unit, citation: s.citation, defaultValue: s.defaultValue,
          value: valid ? row.value : s.defaultValue, isDefault: !valid, updatedAt: valid ? row.updatedAt.toISOString() : null,
        };
      });
    },

    async set(access: Access, key: string, value: unknown): Promise<void> {
      const spec = settingSpec(key);
      if (!spec) throw new NotFound();
      const parsed = spec.schema.safeParse(value);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ path: ['value', ...i.path.map(String)].join('.'), message: i.message }));
        throw new Invalid(`“${spec.label}”的取值不正确：${issues[0].message}`, issues);
      }
      await db.transaction().execute(async (tx) => {
        const before = await tx.selectFrom('setting').select('value').where('key', '=', key).forUpdate().executeTakeFirst();
        const json = JSON.stringify(parsed.data);
        await tx.insertInto('setting').values({ key, value: json })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updatedAt: new Date() })).execute();
        await spec.afterChange?.(tx);
        await audit(tx, access.actor, { action: 'setting.update', targetType: 'setting', targetId: key, before: before?.value ?? spec.defaultValue, after: parsed.data });
      });
    },

    async reset(access: Access, key: string): Promise<void> {
      const spec = settingSpec(key);
      if (!spec) throw new NotFound();
      await db.transaction().execute(async (tx) => {
        const before = await tx.deleteFrom('setting').where('key', '=', key).returning('value').executeTakeFirst();
        if (!before) return;
        await spec.afterChange?.(tx);
        await audit(tx, access.actor, { action: 'setting.reset', targetType: 'setting', targetId: key, before: before.value, after: spec.defaultValue });
      });
    },
  };
}
