import { useState } from 'react';
import { Button, Space } from 'antd';
import { DeleteOutlined, DragOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { OrgDetail } from '../../../../api/types';
import { AbolishModal } from './abolish-modal';
import { MoveModal } from './move-modal';
import { OrgFormModal } from './org-form-modal';

type Dialog = 'edit' | 'addChild' | 'move' | 'abolish';

/** The buttons the server's abilities allow on this organisation, and their dialogs. */
export function OrgActions({ org }: { org: OrgDetail }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);
  const a = org.abilities;
  return (
    <>
      <Space wrap>
        {a.edit ? <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>{t('org.action.edit')}</Button> : null}
        {a.addChild ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('addChild')}>{t('org.action.addChild')}</Button> : null}
        {a.move ? <Button icon={<DragOutlined />} onClick={() => setDialog('move')}>{t('org.action.move')}</Button> : null}
        {a.abolish ? <Button danger icon={<DeleteOutlined />} onClick={() => setDialog('abolish')}>{t('org.action.abolish')}</Button> : null}
      </Space>
      {dialog === 'edit' ? <OrgFormModal mode="edit" org={org} onClose={close} /> : null}
      {dialog === 'addChild' ? <OrgFormModal mode="create" org={org} onClose={close} /> : null}
      {dialog === 'move' ? <MoveModal org={org} onClose={close} /> : null}
      {dialog === 'abolish' ? <AbolishModal org={org} onClose={close} /> : null}
    </>
  );
}
