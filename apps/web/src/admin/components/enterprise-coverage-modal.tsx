import { App, Alert, Form, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { COVERAGE_MODES, COVERAGE_MODE_LABELS, type CoverageMode } from '@hongyun/shared';
import { useSetCoverage, type EnterpriseDetail } from '../../api/enterprises';
import type { OrgNode } from '../../api/types';
import { useLabel } from '../../shared/labels';
import { EnterprisePicker } from './enterprise-select';
import { OrgTreeSelect } from './org-tree-select';
import { useServerErrors } from './server-error';

interface CoverageValues {
  mode: CoverageMode;
  orgId: number | null;
  leadEnterpriseId: number | null;
}

/** Which organisations each mode may name (the server checks again, with the data). */
const ORG_FITS: Partial<Record<CoverageMode, (n: OrgNode) => boolean>> = {
  standalone: (n) => ['committee', 'generalBranch', 'branch', 'temporaryBranch'].includes(n.kind),
  joint: (n) => n.kind === 'jointBranch',
  industryLinked: (n) => n.kind !== 'office',
  fallback: (n) => n.kind !== 'office',
};

/** 设置覆盖方式: a mode and the organisation or lead company it names; refused modes explain why. */
export function EnterpriseCoverageModal({ enterprise, onClose }: { enterprise: EnterpriseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<CoverageValues>();
  const mode = Form.useWatch('mode', form) ?? enterprise.coverageMode;
  const save = useSetCoverage(enterprise.id);
  const errors = useServerErrors(form);
  const closed = ['closed', 'movedOut', 'shell'].includes(enterprise.operatingStatus) || enterprise.goneOn !== null;
  const fits = ORG_FITS[mode];

  const handleFinish = (v: CoverageValues) => {
    errors.clear();
    const body = { version: enterprise.version, mode: v.mode, orgId: fits ? v.orgId : null, leadEnterpriseId: v.mode === 'leadBuilt' ? v.leadEnterpriseId : null };
    save.mutate(body, {
      onSuccess: ({ warnings }) => {
        message.success(t('enterprises.coverage.saved'));
        if (warnings.length) modal.warning({ title: t('enterprises.coverage.warningsTitle'), content: warnings.map((w) => w.message).join('\n') });
        onClose();
      },
      onError: errors.handle,
    });
  };

  return (
    <Modal open title={t('enterprises.coverage.setTitle')} okText={t('common.save')} cancelText={t('common.cancel')} onOk={() => form.submit()} onCancel={onClose} confirmLoading={save.isPending} destroyOnHidden>
      {closed ? <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('enterprises.coverage.closedHint')} /> : null}
      {errors.alert}
      <Form<CoverageValues>
        form={form}
        layout="vertical"
        onFinish={handleFinish}
        initialValues={{ mode: enterprise.coverageMode, orgId: enterprise.coverageMode === 'leadBuilt' ? null : (enterprise.presence.coverageOrg?.id ?? null), leadEnterpriseId: enterprise.presence.leadEnterprise?.id ?? null }}
      >
        <Form.Item label={t('enterprises.field.coverageMode')} name="mode" extra={t(`enterprises.coverage.help.${mode}`)}>
          <Select options={COVERAGE_MODES.map((m) => ({ value: m, label: label(COVERAGE_MODE_LABELS[m]), disabled: closed && m !== 'none' }))} />
        </Form.Item>
        {fits ? (
          <Form.Item label={t('enterprises.coverage.org')} name="orgId" rules={[{ required: true, message: t('enterprises.coverage.orgRequired') }]}>
            <OrgTreeSelect disabled={(n) => n.abolished || !fits(n)} />
          </Form.Item>
        ) : null}
        {mode === 'leadBuilt' ? (
          <Form.Item label={t('enterprises.coverage.lead')} name="leadEnterpriseId" rules={[{ required: true, message: t('enterprises.coverage.leadRequired') }]}>
            <EnterprisePicker known={enterprise.presence.leadEnterprise} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
