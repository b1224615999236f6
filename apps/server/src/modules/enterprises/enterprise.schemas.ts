import { z } from 'zod';

export const EnterpriseView = z.object({
  id: z.number().int(),
  uscc: z.string(),
  name: z.string(),
  townOrgId: z.number().int().nullable(),
  townName: z.string().nullable(),
});

export const EnterpriseListQuery = z.object({
  q: z.string().trim().max(60).optional(),
  townOrgId: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const EnterpriseList = z.object({ items: z.array(EnterpriseView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const CreateEnterpriseBody = z.strictObject({
  uscc: z.string().trim().min(1, '请填写统一社会信用代码').max(18, '统一社会信用代码为 18 位'),
  name: z.string().trim().min(1, '请填写单位名称').max(120),
  townOrgId: z.number().int().positive(),
});
