import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accessOf, type AppContext } from '../../platform/context';
import { errorResponses } from '../../platform/http';
import { createSettingService } from './setting.service';

const tags = ['settings'];
const SettingView = z.object({
  key: z.string(),
  group: z.enum(['coverage', 'service', 'orgLife', 'learning']),
  input: z.enum(['integer', 'share', 'switch', 'list', 'meetingRules']),
  label: z.string(),
  unit: z.string().nullable(),
  value: z.unknown(),
  defaultValue: z.unknown(),
  isDefault: z.boolean(),
  citation: z.string(),
  updatedAt: z.string().nullable(),
});
const SettingList = z.object({ items: z.array(SettingView) });
const KeyParams = z.object({ key: z.string().max(80) });
const SetBody = z.object({ value: z.unknown() });
const Ok = z.object({ ok: z.literal(true) });

/** The rule settings (thresholds, deadlines, meeting frequencies) with their legal basis. */
export function settingRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const settings = createSettingService(ctx);
  return async (app) => {
    // The rules are no secret: everyone signed in may read what they are judged by.
    app.get('/api/settings', {
      config: { access: 'authenticated' },
      schema: { operationId: 'listSettings', tags, summary: 'Every rule setting: value, default and legal basis', response: { 200: SettingList, ...errorResponses } },
    }, async () => ({ items: await settings.list() }));

    app.put('/api/settings/:key', {
      config: { access: 'settings.write' },
      schema: { operationId: 'updateSetting', tags, summary: 'Change a rule setting (checked, audited)', params: KeyParams, body: SetBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await settings.set(accessOf(request), request.params.key, request.body.value);
      return { ok: true as const };
    });

    app.delete('/api/settings/:key', {
      config: { access: 'settings.write' },
      schema: { operationId: 'resetSetting', tags, summary: 'Return a rule setting to its default', params: KeyParams, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await settings.reset(accessOf(request), request.params.key);
      return { ok: true as const };
    });
  };
}
