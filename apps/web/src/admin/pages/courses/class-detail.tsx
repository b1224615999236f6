import { useState } from 'react';
import { App, Button, Card, Checkbox, Descriptions, Flex, Popconfirm, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useClass, useClassProgress, useEnrol, useUnenrol } from '../../../api/learning';
import { errorText } from '../../../shared/errors';
import { formatDate } from '../../../shared/format';
import { MemberPicker } from '../../components/member-picker';
import { QueryState } from '../../components/page-state';
import { PageHeader } from '../../components/page-header';
import { BulkEnrolModal } from './bulk-enrol';
import { ClassFormDrawer } from './classes';

/** One class: its courses, enrolling members, and everyone's progress with certificates for those who finished. */
export function ClassDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const id = Number(useParams().classId);
  const klass = useClass(id);
  const [incomplete, setIncomplete] = useState(false);
  const [page, setPage] = useState(1);
  const progress = useClassProgress(id, incomplete, page);
  const enrol = useEnrol();
  const unenrol = useUnenrol();
  const [memberId, setMemberId] = useState<number | undefined>();
  const [editing, setEditing] = useState(false);
  const [bulk, setBulk] = useState(false);

  const doEnrol = async () => {
    if (!memberId) return;
    try {
      const r = await enrol.mutateAsync({ id, memberIds: [memberId] });
      message.success(r.enrolled > 0 ? t('learning.classes.enrolled') : t('learning.classes.alreadyEnrolled'));
      setMemberId(undefined);
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  const k = klass.data;
  return (
    <QueryState query={klass}>
      {k ? (
        <>
          <PageHeader title={k.title} extra={<><Link to="/classes"><Button>{t('learning.exams.back')}</Button></Link><Button onClick={() => setEditing(true)}>{t('common.edit')}</Button></>}>
            <Tag color={k.status === 'open' ? 'processing' : 'default'}>{t(`learning.classStatus.${k.status}`)}</Tag>
          </PageHeader>
          <Flex vertical gap={16}>
            <Card>
              <Descriptions size="small" column={2} items={[
                { key: 'org', label: t('learning.exams.org'), children: k.orgName },
                { key: 'dates', label: t('learning.classes.dates'), children: `${k.startsOn} – ${k.endsOn}` },
                { key: 'hours', label: t('learning.classes.requiredHours'), children: k.requiredHours },
                { key: 'counts', label: t('learning.classes.enrolledCompleted'), children: `${k.enrolledCount} / ${k.completedCount}` },
                { key: 'courses', label: t('learning.classes.courses'), span: 2, children: k.courses.length ? k.courses.map((c) => <div key={c.id}><Link to={`/courses/${c.id}`}>{c.title}</Link>（{c.studyHours}）{c.status !== 'published' ? <Tag color="warning">{t(`learning.publish.${c.status}`)}</Tag> : null}</div>) : '—' },
              ]} />
            </Card>
            <Card title={t('learning.classes.progress')}>
              {k.status === 'open' ? (
                <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
                  <div style={{ minWidth: 260 }}><MemberPicker value={memberId} onChange={setMemberId} aria-label={t('learning.classes.enrolMember')} /></div>
                  <Button type="primary" disabled={!memberId} loading={enrol.isPending} onClick={() => void doEnrol()}>{t('learning.classes.enrol')}</Button>
                  <Button onClick={() => setBulk(true)}>{t('learning.bulkEnrol.open')}</Button>
                </Flex>
              ) : null}
              <Checkbox checked={incomplete} onChange={(e) => { setIncomplete(e.target.checked); setPage(1); }} style={{ marginBottom: 12 }}>{t('learning.classes.onlyIncomplete')}</Checkbox>
              <Table
                rowKey="memberId"
                size="small"
                loading={progress.isFetching}
                dataSource={progress.data?.items ?? []}
                locale={{ emptyText: t('learning.classes.noEnrolments') }}
                pagination={{ current: page, pageSize: 50, total: progress.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
                columns={[
                  { key: 'name', title: t('learning.exams.memberName'), render: (_, r) => r.name },
                  { key: 'org', title: t('learning.exams.org'), render: (_, r) => r.orgName },
                  { key: 'hours', title: t('learning.classes.hours'), width: 120, render: (_, r) => `${r.hours} / ${r.requiredHours}` },
                  { key: 'done', title: t('learning.classes.completedAt'), width: 120, render: (_, r) => formatDate(r.completedAt) },
                  {
                    key: 'actions', title: t('common.actions'), width: 180, render: (_, r) => (
                      <Flex gap={4}>
                        {r.certificateNo ? <Link to={`/classes/${id}/certificates/${r.memberId}`} target="_blank">{t('learning.classes.certificate')}</Link> : null}
                        {r.completedAt ? null : (
                          <Popconfirm title={t('learning.classes.unenrolConfirm', { name: r.name })} okText={t('learning.classes.unenrol')} cancelText={t('common.cancel')}
                            onConfirm={() => unenrol.mutateAsync({ id, memberId: r.memberId }).then(() => message.success(t('learning.classes.unenrolled')), (e: unknown) => message.error(errorText(t, e)))}>
                            <Button size="small" type="link" danger>{t('learning.classes.unenrol')}</Button>
                          </Popconfirm>
                        )}
                      </Flex>
                    ),
                  },
                ]}
              />
              <Typography.Text type="secondary">{t('learning.classes.progressHint')}</Typography.Text>
            </Card>
          </Flex>
          <ClassFormDrawer open={editing} klass={k} onClose={() => setEditing(false)} />
          <BulkEnrolModal klass={k} open={bulk} onClose={() => setBulk(false)} />
        </>
      ) : null}
    </QueryState>
  );
}
