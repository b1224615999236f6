import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { REQUEST_CATEGORY_LABELS, REQUEST_STATUS_LABELS, type RequestCategory, type RequestStatus } from '@hongyun/shared';
import { useLabel } from '../../../shared/labels';

const COLORS: Record<RequestStatus, string> = { new: 'blue', accepted: 'cyan', inProgress: 'gold', resolved: 'green', declined: 'default' };

/** A request's status, with an overdue flag when it is open past its due date. */
export function RequestStatusTag({ status, overdue }: { status: RequestStatus; overdue?: boolean }) {
  const { t } = useTranslation();
  const label = useLabel();
  return (
    <Space size={4}>
      <Tag color={COLORS[status]}>{label(REQUEST_STATUS_LABELS[status])}</Tag>
      {overdue ? <Tag color="red">{t('service.request.overdue')}</Tag> : null}
    </Space>
  );
}

export function CategoryTag({ category }: { category: RequestCategory }) {
  const label = useLabel();
  return <Tag>{label(REQUEST_CATEGORY_LABELS[category])}</Tag>;
}
