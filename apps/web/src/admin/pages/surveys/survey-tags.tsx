import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { SURVEY_STATUS_LABELS } from '@hongyun/shared';
import type { Survey } from '../../../api/surveys';
import { useLabel } from '../../../shared/labels';

/** Status, or for an open task how long is left (orange within a week, red once overdue). */
export function SurveyDueTag({ survey }: { survey: Survey }) {
  const { t } = useTranslation();
  const label = useLabel();
  if (survey.status !== 'open' || survey.daysLeft === null) {
    return <Tag color={survey.status === 'done' ? 'green' : 'default'}>{label(SURVEY_STATUS_LABELS[survey.status])}</Tag>;
  }
  if (survey.overdue) return <Tag color="red">{t('surveys.due.overdue', { days: -survey.daysLeft })}</Tag>;
  if (survey.daysLeft === 0) return <Tag color="orange">{t('surveys.due.today')}</Tag>;
  return <Tag color={survey.daysLeft <= 7 ? 'orange' : 'blue'}>{t('surveys.due.left', { days: survey.daysLeft })}</Tag>;
}
