import { useState } from 'react';
import { App, Button, Card, Collapse, Empty, Flex, Select, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCreateTemplate, useStandardTemplates, type StandardTemplate } from '../../../api/standards';
import { errorText } from '../../../shared/errors';
import { formatDateTime } from '../../../shared/format';
import { QueryState } from '../../components/page-state';
import { PageHeader } from '../../components/page-header';
import { currentYear, recentYears } from './kinds';
import { TemplateEditor } from './template-editor';

const upcomingYears = () => [currentYear() + 1, ...recentYears()];

/** 六个有 standards by year and version: drafts are edited, published versions are frozen. */
export function StandardTemplatesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [year, setYear] = useState<number | undefined>();
  const templates = useStandardTemplates(year);
  const create = useCreateTemplate();
  const [newYear, setNewYear] = useState(currentYear());
  // Drafts start open (they are what one edits); a new draft opens when created.
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const open = expanded ?? (templates.data?.items ?? []).filter((tpl) => !tpl.publishedAt).map((tpl) => String(tpl.id));

  const handleCreate = () => create.mutate({ year: newYear }, {
    onSuccess: ({ id }) => {
      setExpanded([...open, String(id)]);
      message.success(t('standards.templates.created', { year: newYear }));
    },
    onError: (error) => message.error(errorText(t, error)),
  });

  const header = (tpl: StandardTemplate) => (
    <Flex gap={8} align="center" wrap>
      <Typography.Text strong>{tpl.title}</Typography.Text>
      <Tag>{t('standards.templates.version', { version: tpl.version })}</Tag>
      {tpl.publishedAt ? <Tag color="success">{t('standards.templates.published', { at: formatDateTime(tpl.publishedAt) })}</Tag> : <Tag color="processing">{t('standards.templates.draft')}</Tag>}
      <Typography.Text type="secondary">{t('standards.templates.used', { n: tpl.assessmentCount })}</Typography.Text>
    </Flex>
  );

  return (
    <>
      <PageHeader title={t('standards.templates.title')} extra={<Button onClick={() => navigate('/standards')}>{t('common.back')}</Button>}>
        <Typography.Text type="secondary">{t('standards.templates.subtitle')}</Typography.Text>
      </PageHeader>
      <Flex vertical gap={16}>
        <Card size="small">
          <Flex gap={12} wrap align="center">
            <Select aria-label={t('standards.year')} allowClear placeholder={t('standards.filter.anyYear')} style={{ width: 140 }} value={year} onChange={setYear}
              options={upcomingYears().map((y) => ({ value: y, label: t('standards.yearLabel', { year: y }) }))} />
            <Flex gap={8} style={{ marginLeft: 'auto' }}>
              <Select aria-label={t('standards.templates.newYear')} style={{ width: 120 }} value={newYear} onChange={setNewYear} options={upcomingYears().map((y) => ({ value: y, label: t('standards.yearLabel', { year: y }) }))} />
              <Button type="primary" icon={<PlusOutlined />} loading={create.isPending} onClick={handleCreate}>{t('standards.templates.create')}</Button>
            </Flex>
          </Flex>
        </Card>
        <QueryState query={templates}>
          {templates.data?.items.length === 0 ? <Empty description={t('standards.templates.empty')} /> : null}
          <Collapse
            activeKey={open}
            onChange={(keys) => setExpanded(keys.map(String))}
            items={(templates.data?.items ?? []).map((tpl) => ({
              key: String(tpl.id),
              label: header(tpl),
              children: tpl.publishedAt ? (
                <Flex vertical gap={8}>
                  {tpl.items.map((i) => (
                    <div key={i.id}>
                      <Typography.Text strong>{i.position}. {i.title}</Typography.Text>
                      <br />
                      <Typography.Text type="secondary">{i.guidance ?? '—'}</Typography.Text>
                    </div>
                  ))}
                </Flex>
              ) : <TemplateEditor template={tpl} />,
            }))}
          />
        </QueryState>
      </Flex>
    </>
  );
}
