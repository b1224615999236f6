import { Tag } from 'antd';
import { APPRAISAL_GRADE_LABELS, APPRAISAL_GRADES, APPRAISAL_STAGE_LABELS, type AppraisalGrade, type AppraisalStage } from '@hongyun/shared';
import { useLabel } from '../../../shared/labels';

export const STAGE_COLORS: Record<AppraisalStage, string> = { reviewing: 'blue', proposing: 'orange', confirmed: 'purple', published: 'gold', closed: 'default' };
export const GRADE_COLORS: Record<AppraisalGrade, string> = { excellent: 'red', qualified: 'green', basicallyQualified: 'orange', unqualified: 'default' };

export const currentYear = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
export const todayInShanghai = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

export function StageTag({ stage }: { stage: AppraisalStage }) {
  const label = useLabel();
  return <Tag color={STAGE_COLORS[stage]}>{label(APPRAISAL_STAGE_LABELS[stage])}</Tag>;
}

export function GradeTag({ grade }: { grade: AppraisalGrade | null | undefined }) {
  const label = useLabel();
  if (!grade) return <>—</>;
  return <Tag color={GRADE_COLORS[grade]}>{label(APPRAISAL_GRADE_LABELS[grade])}</Tag>;
}

/** "优秀 2 · 合格 5 · …" (grades with none left out). */
export function GradeCountTags({ counts }: { counts: Record<AppraisalGrade, number> }) {
  const label = useLabel();
  const shown = APPRAISAL_GRADES.filter((g) => counts[g] > 0);
  if (shown.length === 0) return <>—</>;
  return (
    <>
      {shown.map((g) => <Tag key={g} color={GRADE_COLORS[g]}>{label(APPRAISAL_GRADE_LABELS[g])} {counts[g]}</Tag>)}
    </>
  );
}
