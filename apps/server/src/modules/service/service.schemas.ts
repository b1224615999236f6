import { z } from 'zod';
import { REQUEST_CATEGORIES, REQUEST_STATUSES } from '@hongyun/shared';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const trimmed = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字符`);
const id = z.number().int().positive();
const page = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};

export const IdParams = z.object({ id: z.coerce.number().int().positive() });
export const IdResponse = z.object({ id: z.number().int() });
export const Ok = z.object({ ok: z.literal(true) });

// ---------------------------------------------------------------------------
// Departments (联席会议成员单位)
// ---------------------------------------------------------------------------

export const DepartmentView = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  name: z.string(),
  duties: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  position: z.number().int(),
  abolishedOn: date.nullable(),
  version: z.number().int(),
  openRequests: z.number().int(),
  overdueRequests: z.number().int(),
  abilities: z.object({ edit: z.boolean() }),
});
export const DepartmentListQuery = z.object({ includeAbolished: z.enum(['true', 'false']).optional() });
export const DepartmentList = z.object({ items: z.array(DepartmentView) });

export const CreateDepartmentBody = z.strictObject({
  /** The city (root organisation) whose joint conference the department joins; the caller's own when omitted. */
  orgId: id.optional(),
  name: trimmed(60).min(1, '请填写成员单位名称'),
  duties: trimmed(1000).optional(),
  contactName: trimmed(50).optional(),
  contactPhone: trimmed(30).optional(),
  position: z.number().int().min(0).max(999).optional(),
});
export type CreateDepartmentInput = z.infer<typeof CreateDepartmentBody>;

export const UpdateDepartmentBody = z.strictObject({
  version: z.number().int(),
  name: trimmed(60).min(1, '请填写成员单位名称').optional(),
  duties: trimmed(1000).nullable().optional(),
  contactName: trimmed(50).nullable().optional(),
  contactPhone: trimmed(30).nullable().optional(),
  position: z.number().int().min(0).max(999).optional(),
});
export type UpdateDepartmentInput = z.infer<typeof UpdateDepartmentBody>;

export const VersionBody = z.strictObject({ version: z.number().int() });

// ---------------------------------------------------------------------------
// Cadres (联系企业干部) and their companies
// ---------------------------------------------------------------------------

export const AssignBody = z.strictObject({
  userId: id,
  enterpriseIds: z.array(id).min(1, '请至少选择一家企业').max(200, '一次最多分配 200 家企业'),
});
export const AssignResult = z.object({ assigned: z.number().int(), alreadyAssigned: z.number().int() });

export const AssignmentView = z.object({
  id: z.number().int(),
  userId: z.number().int(),
  cadreName: z.string(),
  enterpriseId: z.number().int(),
  enterpriseName: z.string(),
  townName: z.string().nullable(),
  assignedOn: date,
  endedOn: date.nullable(),
  visits: z.number().int(),
  lastVisitOn: date.nullable(),
  abilities: z.object({ end: z.boolean(), visit: z.boolean() }),
});
export const AssignmentListQuery = z.object({
  userId: z.coerce.number().int().positive().optional(),
  enterpriseId: z.coerce.number().int().positive().optional(),
  /** Only the pairs still in force (default), or also the ended ones. */
  includeEnded: z.enum(['true', 'false']).optional(),
  ...page,
});
export const AssignmentList = z.object({ items: z.array(AssignmentView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export const EndAssignmentBody = z.strictObject({ endedOn: date.optional() });

export const CadreView = z.object({
  userId: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  grants: z.array(z.object({ orgId: z.number().int(), orgName: z.string() })),
  companies: z.number().int(),
});
export const CadreListQuery = z.object({ q: trimmed(40).optional(), ...page });
export const CadreList = z.object({ items: z.array(CadreView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

// ---------------------------------------------------------------------------
// Visits (走访)
// ---------------------------------------------------------------------------

export const CreateVisitBody = z.strictObject({
  enterpriseId: id,
  visitedOn: date,
  peopleMet: trimmed(200).min(1, '请填写见到的人（姓名、职务）'),
  topics: trimmed(2000).min(1, '请填写交流的内容'),
  followUps: trimmed(2000).optional(),
});
export type CreateVisitInput = z.infer<typeof CreateVisitBody>;

export const VisitView = z.object({
  id: z.number().int(),
  enterpriseId: z.number().int(),
  enterpriseName: z.string(),
  townName: z.string().nullable(),
  cadreUserId: z.number().int(),
  cadreName: z.string(),
  visitedOn: date,
  peopleMet: z.string(),
  topics: z.string(),
  followUps: z.string().nullable(),
  requests: z.number().int(),
  createdAt: z.string(),
});
export const VisitListQuery = z.object({
  enterpriseId: z.coerce.number().int().positive().optional(),
  cadreUserId: z.coerce.number().int().positive().optional(),
  from: date.optional(),
  to: date.optional(),
  ...page,
});
export const VisitList = z.object({ items: z.array(VisitView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

// ---------------------------------------------------------------------------
// Requests (诉求)
// ---------------------------------------------------------------------------

export const CreateRequestBody = z.strictObject({
  enterpriseId: id,
  visitId: id.optional(),
  raisedVia: z.enum(['visit', 'liaison']),
  category: z.enum(REQUEST_CATEGORIES),
  title: trimmed(100).min(1, '请填写诉求标题'),
  detail: trimmed(4000).optional(),
  departmentId: id,
});
export type CreateRequestInput = z.infer<typeof CreateRequestBody>;

/** Moves a request one step; declining needs a reason, resolving a summary of what was done. */
export const TransitionBody = z.strictObject({
  version: z.number().int(),
  status: z.enum(['accepted', 'inProgress', 'resolved', 'declined']),
  note: trimmed(1000).optional(),
  resolution: trimmed(2000).optional(),
  declinedReason: trimmed(1000).optional(),
});
export type TransitionInput = z.infer<typeof TransitionBody>;

export const SatisfactionBody = z.strictObject({
  version: z.number().int(),
  satisfaction: z.number().int().min(1, '满意度为 1–5 分').max(5, '满意度为 1–5 分'),
  note: trimmed(500).optional(),
});

const RequestBase = z.object({
  id: z.number().int(),
  enterpriseId: z.number().int(),
  enterpriseName: z.string(),
  townOrgId: z.number().int().nullable(),
  townName: z.string().nullable(),
  visitId: z.number().int().nullable(),
  raisedVia: z.enum(['visit', 'liaison']),
  raisedByName: z.string().nullable(),
  category: z.enum(REQUEST_CATEGORIES),
  title: z.string(),
  departmentId: z.number().int(),
  departmentName: z.string(),
  status: z.enum(REQUEST_STATUSES),
  dueOn: date,
  overdue: z.boolean(),
  satisfaction: z.number().int().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
});
export const RequestListItem = RequestBase;
export const RequestListQuery = z.object({
  status: z.enum(REQUEST_STATUSES).optional(),
  /** open = new, accepted or in progress. */
  open: z.enum(['true', 'false']).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  enterpriseId: z.coerce.number().int().positive().optional(),
  townOrgId: z.coerce.number().int().positive().optional(),
  /** Companies in one carrier (park, building, …): a carrier dashboard's drill-down. */
  carrierId: z.coerce.number().int().positive().optional(),
  category: z.enum(REQUEST_CATEGORIES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: trimmed(40).optional(),
  ...page,
});
export type RequestListFilter = z.infer<typeof RequestListQuery>;
export const RequestList = z.object({ items: z.array(RequestListItem), total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), asOf: z.string() });

export const RequestEvent = z.object({
  id: z.number().int(),
  at: z.string(),
  actorName: z.string(),
  fromStatus: z.enum(REQUEST_STATUSES).nullable(),
  toStatus: z.enum(REQUEST_STATUSES),
  note: z.string().nullable(),
});
export const RequestDetail = RequestBase.extend({
  detail: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  resolution: z.string().nullable(),
  declinedReason: z.string().nullable(),
  satisfactionNote: z.string().nullable(),
  timeline: z.array(RequestEvent),
  abilities: z.object({
    /** The statuses the caller may move this request to now. */
    transitions: z.array(z.enum(REQUEST_STATUSES)),
    rate: z.boolean(),
  }),
});
export type RequestDetailView = z.infer<typeof RequestDetail>;

export const RequestCounts = z.object({
  open: z.number().int(),
  overdue: z.number().int(),
  resolved: z.number().int(),
  declined: z.number().int(),
  byStatus: z.record(z.enum(REQUEST_STATUSES), z.number().int()),
  /** Mean days from raising to 办结 over resolved requests; null when none. */
  averageDaysToResolve: z.number().nullable(),
  averageSatisfaction: z.number().nullable(),
  asOf: z.string(),
  definition: z.string(),
});

export const EnterpriseService = z.object({
  enterprise: z.object({ id: z.number().int(), name: z.string(), townName: z.string().nullable() }),
  cadres: z.array(z.object({ assignmentId: z.number().int(), userId: z.number().int(), name: z.string(), assignedOn: date })),
  visits: z.array(VisitView),
  requests: z.array(RequestListItem),
  abilities: z.object({ visit: z.boolean(), request: z.boolean() }),
});
