import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { RegistryImport } from './import-registry';
import { RegistryReconcile } from './import-reconcile';

/** Registry import (row report before writing) and reconciliation with a registry extract. */
export function EnterpriseImportPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('enterprises.import.title')} />
      <Card>
        <Tabs items={[
          { key: 'import', label: t('enterprises.import.tab'), children: <RegistryImport /> },
          { key: 'reconcile', label: t('enterprises.reconcile.tab'), children: <RegistryReconcile /> },
        ]} />
      </Card>
    </>
  );
}
