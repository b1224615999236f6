import type { ReactNode } from 'react';
import { Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../layout/language-switch';

/** The centred card of the login and password pages. */
export function AuthCard({ title, children }: { title: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 16, background: 'linear-gradient(160deg, #fff5f5 0%, #f5f5f5 60%)' }}>
      <Flex justify="flex-end" style={{ width: '100%', maxWidth: 420, marginBottom: 12 }}>
        <LanguageSwitch />
      </Flex>
      <Card style={{ width: '100%', maxWidth: 420 }}>
        <Flex vertical align="center" gap={8} style={{ marginBottom: 24 }}>
          <img src="/m/icon.svg" alt="" width={48} height={48} />
          <Typography.Text type="secondary">{t('app.fullName')}</Typography.Text>
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{title}</Typography.Title>
        </Flex>
        {children}
      </Card>
    </Flex>
  );
}
