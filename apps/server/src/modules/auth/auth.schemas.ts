import { z } from 'zod';
import { ROLES } from '@hongyun/shared';

export const LoginBody = z.strictObject({
  username: z.string().trim().min(1, '请输入用户名或手机号').max(60),
  password: z.string().min(1, '请输入密码').max(200),
});

export const PasswordChangeBody = z.strictObject({
  currentPassword: z.string().min(1, '请输入当前密码').max(200),
  newPassword: z.string().min(10, '新密码至少 10 位').max(200),
});

export const GrantView = z.object({
  id: z.number().int(),
  role: z.enum(ROLES),
  orgId: z.number().int(),
  orgName: z.string(),
});

export const Me = z.object({
  user: z.object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    memberId: z.number().int().nullable(),
    mustChangePassword: z.boolean(),
  }),
  grants: z.array(GrantView),
  /** Permissions held anywhere; the UI shows or hides actions with them. */
  permissions: z.array(z.string()),
  csrfToken: z.string(),
});
export type MeView = z.infer<typeof Me>;

export const Ok = z.object({ ok: z.literal(true) });
