import { useEffect, useState } from 'react';
import { Button, Popconfirm, Space, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useRevealMember, type RevealField } from '../../../../api/members';
import { errorText } from '../../../../shared/errors';

const SHOW_SECONDS = 30;

interface RevealValueProps {
  memberId: number;
  field: RevealField;
  masked: string | null;
  canReveal: boolean;
}

/**
 * A masked value with 查看完整: after a confirmation that the view is recorded, the full value
 * shows for a short while, then the mask returns (PIPL: minimum necessary).
 */
export function RevealValue({ memberId, field, masked, canReveal }: RevealValueProps) {
  const { t } = useTranslation();
  const reveal = useRevealMember(memberId);
  const [shown, setShown] = useState<string | null>(null);
  const [left, setLeft] = useState(0);

  useEffect(() => {
    if (left <= 0) {
      setShown(null);
      return;
    }
    const timer = setTimeout(() => setLeft((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [left]);

  if (!masked) return <>—</>;
  const handleReveal = () =>
    reveal.mutate(field, {
      onSuccess: (r) => {
        setShown(r.value);
        setLeft(SHOW_SECONDS);
      },
    });

  return (
    <Space orientation="vertical" size={2}>
      <Space wrap>
        <Typography.Text code data-testid={`value-${field}`}>{shown ?? masked}</Typography.Text>
        {canReveal && !shown ? (
          <Popconfirm
            title={t('member.reveal.confirmTitle')}
            description={t('member.reveal.confirmText')}
            okText={t('member.reveal.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={handleReveal}
          >
            <Button size="small" icon={<EyeOutlined />} loading={reveal.isPending} aria-label={t(`member.reveal.button.${field}`)}>
              {t('member.reveal.show')}
            </Button>
          </Popconfirm>
        ) : null}
      </Space>
      {shown ? <Typography.Text type="warning">{t('member.reveal.recorded', { seconds: left })}</Typography.Text> : null}
      {reveal.isError ? <Typography.Text type="danger">{errorText(t, reveal.error)}</Typography.Text> : null}
    </Space>
  );
}
