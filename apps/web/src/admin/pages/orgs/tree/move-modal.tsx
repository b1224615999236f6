import { useMemo, useState } from 'react';
import { Alert, App, Form, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ORG_KIND_INFO } from '@hongyun/shared';
import { useMoveOrg, useOrgTree } from '../../../../api/orgs';
import type { OrgDetail, OrgNode } from '../../../../api/types';
import { indexOrgs, subtreeIds } from '../../../components/org-tree';
import { OrgTreeSelect } from '../../../components/org-tree-select';
import { useServerErrors } from '../../../components/server-error';

/** Moves the subtree under a new parent, after a confirmation saying how much moves. */
export function MoveModal({ org, onClose }: { org: OrgDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ newParentId: number }>();
  const tree = useOrgTree(false);
  const move = useMoveOrg(org.id);
  const errors = useServerErrors(form);
  const [parentId, setParentId] = useState<number | undefined>();

  const { moving, memberCount, byId } = useMemo(() => {
    const index = indexOrgs(tree.data?.nodes ?? []);
    const ids = subtreeIds(index, org.id);
    let members = 0;
    for (const id of ids) members += index.byId.get(id)?.memberCount ?? 0;
    return { moving: ids, memberCount: members, byId: index.byId };
  }, [tree.data, org.id]);

  // Branch-level organisations cannot hold organisations (支部工作条例); the current parent is no move.
  const cannotHold = useMemo(() => (node: OrgNode) => ORG_KIND_INFO[node.kind].isBranchLike || node.id === org.parentId, [org.parentId]);

  const handleFinish = ({ newParentId }: { newParentId: number }) => {
    const target = byId.get(newParentId)?.name ?? '';
    modal.confirm({
      title: t('org.moveDialog.confirmTitle'),
      content: t('org.moveDialog.confirmText', { orgs: moving.size, members: memberCount, name: org.name, target }),
      okText: t('org.moveDialog.confirm'),
      cancelText: t('common.cancel'),
      onOk: () =>
        new Promise<void>((resolve) => {
          errors.clear();
          move.mutate(newParentId, {
            onSuccess: (result) => {
              message.success(t('org.moveDialog.done', { orgs: result.orgs, members: result.members, target }));
              resolve();
              onClose();
            },
            onError: (error) => {
              errors.handle(error);
              resolve();
            },
          });
        }),
    });
  };

  return (
    <Modal
      open
      title={t('org.moveDialog.title', { name: org.name })}
      okText={t('common.next')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ disabled: parentId === undefined }}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('org.moveDialog.scope', { orgs: moving.size, members: memberCount })}
      />
      {errors.alert}
      <Form form={form} layout="vertical" onFinish={handleFinish}>
        <Form.Item label={t('org.moveDialog.newParent')} name="newParentId" rules={[{ required: true, message: t('common.required') }]}>
          <OrgTreeSelect exclude={moving} disabled={cannotHold} onChange={setParentId} />
        </Form.Item>
        <Typography.Text type="secondary">{t('org.moveDialog.hint')}</Typography.Text>
      </Form>
    </Modal>
  );
}
