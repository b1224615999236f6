import { Alert, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StructureWarning } from '../../api/types';

/**
 * Structure warnings with the reason and the rule's citation always visible
 * (principle 2: compliance is computed and shows why it fires).
 */
export function WarningList({ warnings }: { warnings: readonly StructureWarning[] }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <Flex vertical gap={8}>
      {warnings.map((w) => (
        <Alert
          key={w.code}
          type={w.severity === 'error' ? 'error' : 'warning'}
          showIcon
          data-testid={`warning-${w.code}`}
          title={
            <span>
              <Typography.Text strong>{t(`warning.severity.${w.severity}`)}</Typography.Text>
              {' · '}
              {en ? w.messageEn : w.message}
            </span>
          }
          description={
            <Typography.Text type="secondary">
              {t('warning.citation')}
              {w.citation}
            </Typography.Text>
          }
        />
      ))}
    </Flex>
  );
}
