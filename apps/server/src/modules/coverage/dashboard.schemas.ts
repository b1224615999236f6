import { z } from 'zod';
import { DrillRate, ModeCount, RateDefinition, TrendPoint } from './coverage.schemas';

/**
 * One number on the dashboard: its value, what it counts (definition with the rule's source),
 * when it was read, and the records behind it (an admin-app list address, within the viewer's
 * scope). Rates also carry numerator and denominator.
 */
export const Figure = z.object({
  value: z.number().nullable(),
  numerator: z.number().int().nullable(),
  denominator: z.number().int().nullable(),
  definition: z.string(),
  asOf: z.string(),
  drill: z.string().nullable(),
  denominatorDrill: z.string().nullable(),
});

export const FigureItem = z.object({ key: z.string(), label: z.string(), figure: Figure });

const Rates = z.object({ organisation: Figure, standalone: Figure, work: Figure });

export const DashboardResponse = z.object({
  scope: z.object({
    level: z.enum(['all', 'town', 'carrier']),
    town: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    carrier: z.object({ id: z.number().int(), name: z.string(), kind: z.string() }).nullable(),
  }),
  asOf: z.string(),
  companies: z.object({ total: Figure, inDenominator: Figure, byKind: z.array(FigureItem), byStatus: z.array(FigureItem) }),
  coverage: Rates.extend({
    byMode: z.array(ModeCount),
    /** Rates per town (whole scope) or per carrier (one town); none at carrier level. Definitions as above. */
    children: z.object({
      level: z.enum(['town', 'carrier']),
      rows: z.array(z.object({ id: z.number().int(), name: z.string(), organisation: DrillRate, standalone: DrillRate, work: DrillRate })),
    }).nullable(),
    trend: z.array(TrendPoint),
    definitions: z.array(RateDefinition),
  }),
  orgs: z.object({ total: Figure, byKind: z.array(FigureItem) }),
  members: z.object({ total: Figure, byCategory: z.array(FigureItem), byKeyPosition: z.array(FigureItem) }),
  standards: z.object({ year: z.number().int(), assessed: Figure, byStars: z.array(FigureItem) }),
  surveys: z.object({ open: Figure, dueSoon: Figure, overdue: Figure }),
  requests: z.object({ open: Figure, resolved: Figure, overdue: Figure, avgDaysToResolve: Figure }),
});
export type DashboardView = z.infer<typeof DashboardResponse>;
