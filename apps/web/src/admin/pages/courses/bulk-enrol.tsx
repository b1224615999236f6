import { useEffect, useState } from 'react';
import { Alert, Flex, Input, List, Modal, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useBulkEnrol, type BulkEnrolResult, type ClassDetail } from '../../../api/learning';
import { errorDetail, errorText } from '../../../shared/errors';
import { OrgTreeSelect } from '../../components/org-tree-select';

/**
 * Enrols many members at once: everyone in the register of an organisation (with its lower
 * organisations) inside the class's, or a pasted list of names. Names that match nobody in
 * the class's organisations, or several people, are listed back rather than guessed.
 */
export function BulkEnrolModal({ klass, open, onClose }: { klass: ClassDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const enrol = useBulkEnrol();
  const [mode, setMode] = useState<'org' | 'names'>('org');
  const [orgId, setOrgId] = useState<number | undefined>(klass.orgId);
  const [names, setNames] = useState('');
  const [result, setResult] = useState<BulkEnrolResult | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!open) return;
    setMode('org');
    setOrgId(klass.orgId);
    setNames('');
    setResult(null);
    setError(null);
  }, [open, klass.orgId]);

  const run = async () => {
    setError(null);
    setResult(null);
    try {
      setResult(await enrol.mutateAsync({ id: klass.id, body: mode === 'org' ? { orgId } : { names } }));
    } catch (e) {
      setError(e);
    }
  };
  const lines = names.split(/[\s,，、;；]+/u).filter(Boolean).length;

  return (
    <Modal open={open} width={640} title={t('learning.bulkEnrol.title')} onCancel={onClose} cancelText={t('learning.bulkEnrol.close')}
      okText={t('learning.bulkEnrol.submit')} onOk={() => void run()}
      okButtonProps={{ loading: enrol.isPending, disabled: mode === 'org' ? !orgId : lines === 0 }}>
      <Flex vertical gap={12}>
        <Radio.Group optionType="button" value={mode} onChange={(e) => { setMode(e.target.value); setResult(null); setError(null); }}
          options={[{ value: 'org', label: t('learning.bulkEnrol.byOrg') }, { value: 'names', label: t('learning.bulkEnrol.byNames') }]} />
        {mode === 'org' ? (
          <>
            <Typography.Text type="secondary">{t('learning.bulkEnrol.orgHint', { org: klass.orgName })}</Typography.Text>
            <OrgTreeSelect value={orgId} onChange={setOrgId} allowClear={false} aria-label={t('learning.bulkEnrol.org')} />
          </>
        ) : (
          <>
            <Typography.Text type="secondary">{t('learning.bulkEnrol.namesHint', { org: klass.orgName })}</Typography.Text>
            <Input.TextArea rows={8} value={names} maxLength={20000} onChange={(e) => setNames(e.target.value)} aria-label={t('learning.bulkEnrol.names')} placeholder={t('learning.bulkEnrol.namesPlaceholder')} />
            <Typography.Text type="secondary">{t('learning.bulkEnrol.count', { n: lines })}</Typography.Text>
          </>
        )}
        {error ? <Alert type="error" showIcon role="alert" title={errorText(t, error)} description={errorDetail(t, error)} /> : null}
        {result ? (
          <Alert type={result.skipped.length ? 'warning' : 'success'} showIcon role="status"
            title={t('learning.bulkEnrol.result', { enrolled: result.enrolled, already: result.alreadyEnrolled, skipped: result.skipped.length })}
            description={result.skipped.length ? (
              <List size="small" dataSource={result.skipped} renderItem={(s) => <List.Item>{s.name}：{t(`learning.bulkEnrol.reason.${s.reason}`)}</List.Item>} />
            ) : null} />
        ) : null}
      </Flex>
    </Modal>
  );
}
