import { z } from 'zod';
import { COVERAGE_MODES, COVERAGE_RATES, COVERAGE_SUGGESTIONS, SIZE_BANDS } from '@hongyun/shared';

const id = z.coerce.number().int().positive();
const kindCode = z.string().trim().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/, '企业类型编码格式不正确');

/** Narrowing every coverage view accepts: a town, then one carrier in it. */
export const ScopeQuery = z.object({
  townOrgId: id.optional(),
  carrierId: id.optional(),
});

export const RatesQuery = ScopeQuery.extend({
  groupBy: z.enum(['town', 'carrier', 'kind', 'sizeBand']).default('town'),
  kindCode: kindCode.optional(),
  sizeBand: z.enum(SIZE_BANDS).optional(),
});
export type RatesQueryInput = z.infer<typeof RatesQuery>;

export const SuggestionsQuery = z.object({
  kind: z.enum(COVERAGE_SUGGESTIONS),
  townOrgId: id.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type SuggestionsQueryInput = z.infer<typeof SuggestionsQuery>;

/** A rate: numerator ÷ denominator; value null when the denominator is 0 (shown "—"). */
export const Rate = z.object({
  numerator: z.number().int(),
  denominator: z.number().int(),
  value: z.number().nullable(),
});

/** The records behind a figure, as an admin-app address (list page with its filters). */
const Drill = z.string().nullable();

export const DrillRate = Rate.extend({ numeratorDrill: Drill, denominatorDrill: Drill });

export const RateDefinition = z.object({
  rate: z.enum(COVERAGE_RATES),
  label: z.string(),
  numerator: z.string(),
  definition: z.string(),
  citation: z.string(),
});

export const ModeCount = z.object({ mode: z.enum(COVERAGE_MODES), label: z.string(), n: z.number().int(), drill: Drill });

export const RatesRow = z.object({
  key: z.string(),
  name: z.string(),
  organisation: DrillRate,
  standalone: DrillRate,
  work: DrillRate,
});

export const RatesResponse = z.object({
  groupBy: z.enum(['town', 'carrier', 'kind', 'sizeBand']),
  overall: z.object({ organisation: DrillRate, standalone: DrillRate, work: DrillRate }),
  rows: z.array(RatesRow),
  byMode: z.array(ModeCount),
  definitions: z.array(RateDefinition),
  asOf: z.string(),
});

export const TrendPoint = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  /** The running month (kept counts now), not a month-end snapshot. */
  current: z.boolean(),
  organisation: Rate,
  standalone: Rate,
  work: Rate,
});

export const TrendResponse = z.object({
  points: z.array(TrendPoint),
  definitions: z.array(RateDefinition),
  asOf: z.string(),
});

export const SuggestionItem = z.object({
  id: z.number().int(),
  name: z.string(),
  uscc: z.string().nullable(),
  townName: z.string().nullable(),
  coverageMode: z.enum(COVERAGE_MODES).nullable(),
  workMeasure: z.boolean().nullable(),
  fullMembers: z.number().int().nullable(),
  members: z.number().int().nullable(),
  units: z.number().int().nullable(),
  link: z.string(),
});

export const SuggestionsResponse = z.object({
  kind: z.enum(COVERAGE_SUGGESTIONS),
  label: z.string(),
  rule: z.string(),
  citation: z.string(),
  threshold: z.number().int(),
  items: z.array(SuggestionItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  asOf: z.string(),
});
