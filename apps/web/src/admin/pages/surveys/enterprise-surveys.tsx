import { useState } from 'react';
import { Button, Card, Descriptions, Empty, Flex, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { COVERAGE_MODE_LABELS, PARTY_STATUS_LABELS, SURVEY_WILLINGNESS_LABELS } from '@hongyun/shared';
import { useEnterpriseSurveys, type Survey } from '../../../api/surveys';
import { formatDate, formatDateTime, orDash } from '../../../shared/format';
import { useLabel } from '../../../shared/labels';
import { useCan } from '../../access';
import { QueryState } from '../../components/page-state';
import { CancelSurveyModal } from './cancel-modal';
import { CompleteSurveyModal } from './complete-modal';
import { SurveyDueTag } from './survey-tags';

/** The company ledger's (一企一册) survey tab: each survey task with what it found. */
export function EnterpriseSurveys({ enterpriseId }: { enterpriseId: number }) {
  const { t } = useTranslation();
  const label = useLabel();
  const can = useCan();
  const allowed = can('survey.write');
  const surveys = useEnterpriseSurveys(enterpriseId, allowed);
  const [dialog, setDialog] = useState<{ kind: 'complete' | 'cancel'; survey: Survey } | null>(null);

  if (!allowed) return <Empty description={t('surveys.ledger.noAccess')} />;

  const findings = (s: Survey) => [
    { key: 'members', label: t('surveys.field.membersFound'), children: t('surveys.ledger.members', { members: s.membersFound, full: s.fullMembersFound }) },
    { key: 'staff', label: t('surveys.field.staffCount'), children: orDash(s.staffCount) },
    { key: 'investor', label: t('surveys.field.investorPartyStatus'), children: s.investorPartyStatus ? label(PARTY_STATUS_LABELS[s.investorPartyStatus]) : '—' },
    { key: 'manager', label: t('surveys.field.managerPartyStatus'), children: s.managerPartyStatus ? label(PARTY_STATUS_LABELS[s.managerPartyStatus]) : '—' },
    { key: 'willingness', label: t('surveys.field.willingness'), children: s.willingness ? label(SURVEY_WILLINGNESS_LABELS[s.willingness]) : '—' },
    { key: 'mode', label: t('surveys.field.recommendedMode'), children: s.recommendedMode ? label(COVERAGE_MODE_LABELS[s.recommendedMode]) : '—' },
    { key: 'instructor', label: t('surveys.field.instructorProposed'), children: orDash(s.instructorProposed) },
    { key: 'completed', label: t('surveys.field.completedAt'), children: formatDateTime(s.completedAt) },
    { key: 'notes', label: t('surveys.field.notes'), span: 2, children: orDash(s.notes) },
  ];

  return (
    <QueryState query={surveys} empty={surveys.data?.items.length === 0}>
      <Flex vertical gap={12}>
        {(surveys.data?.items ?? []).map((s) => (
          <Card key={s.id} size="small">
            <Flex vertical gap={8}>
              <Flex justify="space-between" align="center" wrap gap={8}>
                <Space>
                  <SurveyDueTag survey={s} />
                  <Typography.Text type="secondary">{t('surveys.ledger.opened', { created: formatDate(s.createdAt), due: formatDate(s.dueOn), town: s.townName })}</Typography.Text>
                </Space>
                {s.status === 'open' ? (
                  <Space>
                    <Button type="primary" size="small" onClick={() => setDialog({ kind: 'complete', survey: s })}>{t('surveys.complete.button')}</Button>
                    <Button size="small" danger onClick={() => setDialog({ kind: 'cancel', survey: s })}>{t('surveys.cancel.button')}</Button>
                  </Space>
                ) : null}
              </Flex>
              {s.status === 'done' ? <Descriptions size="small" column={2} bordered items={findings(s)} /> : null}
              {s.status === 'cancelled' ? <Typography.Text type="secondary">{t('surveys.ledger.cancelled', { reason: s.cancelReason })}</Typography.Text> : null}
            </Flex>
          </Card>
        ))}
      </Flex>
      {dialog?.kind === 'complete' ? <CompleteSurveyModal survey={dialog.survey} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'cancel' ? <CancelSurveyModal survey={dialog.survey} onClose={() => setDialog(null)} /> : null}
    </QueryState>
  );
}
