import { z } from 'zod';
import { ROLES } from '@hongyun/shared';

export const UserIdParams = z.object({ id: z.coerce.number().int().positive() });
export const GrantParams = z.object({ id: z.coerce.number().int().positive(), grantId: z.coerce.number().int().positive() });

export const GrantInput = z.strictObject({
  role: z.enum(ROLES),
  orgId: z.number().int().positive(),
  /** The joint-conference department a department-role user works for (that role only). */
  departmentId: z.number().int().positive().optional(),
});
export type GrantInputT = z.infer<typeof GrantInput>;

export const UserView = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  phoneMasked: z.string().nullable(),
  memberId: z.number().int().nullable(),
  memberName: z.string().nullable(),
  mustChangePassword: z.boolean(),
  locked: z.boolean(),
  disabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  grants: z.array(z.object({ id: z.number().int(), role: z.enum(ROLES), orgId: z.number().int(), orgName: z.string(), departmentId: z.number().int().nullable(), departmentName: z.string().nullable() })),
  /** Grants the caller cannot see (outside their scope). */
  hiddenGrants: z.number().int(),
  abilities: z.object({ manage: z.boolean() }),
});
export type UserViewT = z.infer<typeof UserView>;

export const UserListQuery = z.object({
  q: z.string().trim().max(40).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const UserList = z.object({ items: z.array(UserView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const CreateUserBody = z.strictObject({
  username: z.string().trim().toLowerCase().regex(/^[a-z0-9_.-]{3,40}$/, '用户名为 3–40 位小写字母、数字或 _ . -'),
  displayName: z.string().trim().min(1, '请填写姓名').max(50),
  phone: z.string().trim().max(20).nullable().optional(),
  memberId: z.number().int().positive().nullable().optional(),
  grants: z.array(GrantInput).min(1, '请至少授予一个角色').max(20),
});
export type CreateUserInput = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z.strictObject({
  displayName: z.string().trim().min(1).max(50).optional(),
  phone: z.string().trim().max(20).nullable().optional(),
  disabled: z.boolean().optional(),
});

export const InitialPassword = z.object({ initialPassword: z.string() });
export const CreatedUser = z.object({ id: z.number().int(), initialPassword: z.string() });
export const RoleList = z.object({ items: z.array(z.object({ role: z.enum(ROLES), permissions: z.array(z.string()) })) });
