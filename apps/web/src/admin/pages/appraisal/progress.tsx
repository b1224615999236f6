import { useState } from 'react';
import { Flex, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { MEMBER_CATEGORY_LABELS } from '@hongyun/shared';
import type { Appraisal, AppraisalParticipant } from '../../../api/appraisal';
import { formatDateTime } from '../../../shared/format';
import { useLabel } from '../../../shared/labels';
import { GradeTag } from './grades';

/** Who has written the self-review and how many peers each has reviewed; never what anyone gave. */
export function ProgressPanel({ campaign: c }: { campaign: Appraisal }) {
  const { t } = useTranslation();
  const label = useLabel();
  const [onlyUnfinished, setOnlyUnfinished] = useState(c.stage === 'reviewing');
  const rows = onlyUnfinished ? c.participants.filter((p) => !p.finished) : c.participants;

  const columns: TableColumnsType<AppraisalParticipant> = [
    { key: 'name', title: t('appraisal.field.name'), render: (_, p) => p.name },
    { key: 'category', title: t('appraisal.field.category'), width: 110, render: (_, p) => (p.category === 'probationary' ? <Tag>{label(MEMBER_CATEGORY_LABELS.probationary)}</Tag> : label(MEMBER_CATEGORY_LABELS.full)) },
    { key: 'self', title: t('appraisal.field.selfReview'), width: 190, render: (_, p) => (p.selfSubmittedAt ? formatDateTime(p.selfSubmittedAt) : <Typography.Text type="warning">{t('appraisal.progress.noSelf')}</Typography.Text>) },
    { key: 'selfGrade', title: t('appraisal.field.selfGrade'), width: 120, render: (_, p) => <GradeTag grade={p.selfGrade} /> },
    { key: 'peers', title: t('appraisal.field.peerReviews'), width: 130, render: (_, p) => `${p.reviewsDone} / ${p.reviewsExpected}` },
    { key: 'state', title: t('appraisal.field.state'), width: 110, render: (_, p) => (p.finished ? <Tag color="green">{t('appraisal.progress.finished')}</Tag> : <Tag color="orange">{t('appraisal.progress.unfinished')}</Tag>) },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">{t('appraisal.progress.explain')}</Typography.Text>
        <label style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}>
          <Switch size="small" checked={onlyUnfinished} onChange={setOnlyUnfinished} />
          {t('appraisal.progress.onlyUnfinished')}
        </label>
      </Flex>
      <Table<AppraisalParticipant>
        rowKey="memberId" size="middle" columns={columns} dataSource={rows} pagination={false}
        locale={{ emptyText: onlyUnfinished ? t('appraisal.progress.allFinished') : t('common.noData') }}
        expandable={{
          rowExpandable: (p) => !!p.selfAnalysis,
          expandedRowRender: (p) => (
            <div>
              <Typography.Text strong>{t('appraisal.field.selfAnalysis')}</Typography.Text>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}>{p.selfAnalysis}</Typography.Paragraph>
            </div>
          ),
        }}
      />
    </Flex>
  );
}
