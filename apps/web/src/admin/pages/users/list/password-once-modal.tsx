import { Alert, Flex, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../../components/copy-button';

/** Shows an initial password once: it is not stored in readable form and cannot be shown again. */
export function PasswordOnceModal({ username, password, onClose }: { username: string; password: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal open title={t('user.password.title', { username })} onOk={onClose} onCancel={onClose} okText={t('user.password.done')} cancelButtonProps={{ style: { display: 'none' } }} maskClosable={false}>
      <Flex vertical gap={16}>
        <Alert type="warning" showIcon title={t('user.password.once')} />
        <Flex align="center" gap={12} wrap>
          <Typography.Text code style={{ fontSize: 20 }} data-testid="initial-password">{password}</Typography.Text>
          <CopyButton text={password} />
        </Flex>
        <Typography.Text type="secondary">{t('user.password.hint')}</Typography.Text>
      </Flex>
    </Modal>
  );
}
