import type { Flow } from '../lib/runner';
import { appraisalFlow } from './appraisal';
import { auditFlow } from './audit';
import { badInputFlow } from './bad-input';
import { coverageFlow } from './coverage';
import { learningFlow } from './learning';
import { memberPagesFlow } from './member-pages';
import { orglifeFlow } from './orglife';
import { recordsFlow } from './records';
import { scopeFlow } from './scope';

/** In order: 2 and 3 read what 1 made; 4 makes its own view; 5 and 6 stand alone; 7 and 8 share a branch either creates; 9 stands alone. */
export const flows: Flow[] = [recordsFlow, scopeFlow, auditFlow, memberPagesFlow, badInputFlow, coverageFlow, orglifeFlow, appraisalFlow, learningFlow];
