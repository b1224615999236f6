import { useMemo, useState } from 'react';
import { App, Button, Card, Empty, Flex, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../api/auth';
import { useOrgTree } from '../../../api/orgs';
import { useAssessment, useAssessments, useOpenAssessment } from '../../../api/standards';
import { errorText } from '../../../shared/errors';
import { QueryState } from '../../components/page-state';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { AssessmentForm } from './assessment-form';
import { ASSESSABLE_KINDS, currentYear, recentYears } from './kinds';

/** The organisation's own self-assessment of a year: pick the organisation, open it, fill it in. */
export function MyAssessment() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const tree = useOrgTree(false);
  const kinds = useMemo(() => new Map((tree.data?.nodes ?? []).map((n) => [n.id, n.kind])), [tree.data]);
  // Start from the caller's own organisation when it is one that self-assesses.
  const own = me.data?.grants.find((g) => ASSESSABLE_KINDS.has(kinds.get(g.orgId) ?? 'office'))?.orgId;
  const [picked, setPicked] = useState<number | undefined>();
  const orgId = picked ?? own;
  const [year, setYear] = useState(currentYear());
  const found = useAssessments({ rootOrgId: orgId, year, page: 1, pageSize: 100 }, !!orgId);
  const assessmentId = found.data?.items.find((a) => a.orgId === orgId)?.id;
  const assessment = useAssessment(assessmentId);
  const open = useOpenAssessment();

  const handleOpen = () => {
    if (!orgId) return;
    open.mutate({ orgId, year }, { onError: (error) => message.error(errorText(t, error)) });
  };

  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Flex gap={12} wrap align="center">
          <Typography.Text>{t('standards.assess.org')}</Typography.Text>
          <OrgTreeSelect aria-label={t('standards.assess.org')} value={orgId} onChange={setPicked} allowClear={false} style={{ width: 320 }} disabled={(n) => !ASSESSABLE_KINDS.has(n.kind)} />
          <Select aria-label={t('standards.year')} value={year} onChange={setYear} style={{ width: 120 }} options={recentYears().map((y) => ({ value: y, label: t('standards.yearLabel', { year: y }) }))} />
        </Flex>
      </Card>
      {!orgId ? <Empty description={t('standards.assess.pickOrg')} /> : (
        <QueryState query={found}>
          {assessmentId ? (
            <QueryState query={assessment}>{assessment.data ? <AssessmentForm assessment={assessment.data} /> : null}</QueryState>
          ) : (
            <Empty description={t('standards.assess.none', { year })}>
              <Button type="primary" loading={open.isPending} onClick={handleOpen}>{t('standards.assess.start')}</Button>
            </Empty>
          )}
        </QueryState>
      )}
    </Flex>
  );
}
