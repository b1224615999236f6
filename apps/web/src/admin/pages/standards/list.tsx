import { Button, Tabs } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../access';
import { PageHeader } from '../../components/page-header';
import { MyAssessment } from './my-assessment';
import { StandardsOverview } from './overview';
import { ReviewQueue } from './review-queue';

/** 六个有: the organisation's self-assessment; for towns and the city also the review queue and the overview. */
export function StandardsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const reviewer = can('standard.review');
  const tabs = [
    ...(reviewer ? [{ key: 'overview', label: t('standards.tab.overview'), children: <StandardsOverview /> }, { key: 'review', label: t('standards.tab.review'), children: <ReviewQueue /> }] : []),
    { key: 'assess', label: t('standards.tab.assess'), children: <MyAssessment /> },
  ];
  const wanted = params.get('tab');
  const active = tabs.find((tab) => tab.key === wanted)?.key ?? tabs[0]?.key;

  return (
    <>
      <PageHeader title={t('standards.title')} extra={can('standard.manage') ? <Button icon={<SettingOutlined />} onClick={() => navigate('/standards/templates')}>{t('standards.templates.link')}</Button> : null} />
      <Tabs activeKey={active} onChange={(tab) => setParams({ tab }, { replace: true })} items={tabs} destroyOnHidden />
    </>
  );
}
