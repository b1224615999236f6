import { App, Button, Flex, Form, Modal, Select } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LEADERSHIP_POSTS, LEADERSHIP_POST_LABELS, type LeadershipPost } from '@hongyun/shared';
import { useStartTerm, useUpdatePosts } from '../../../../api/orgs';
import type { OrgDetail } from '../../../../api/types';
import { useLabel } from '../../../../shared/labels';
import { DateInput, today } from '../../../components/date-input';
import { MemberPicker } from '../../../components/member-picker';
import { useServerErrors } from '../../../components/server-error';

export type TermMode = 'newTerm' | 'editPosts';

interface TermValues {
  termStart?: string;
  posts: { post?: LeadershipPost; memberId?: number }[];
}

/** 换届 (a new term with its posts) or a change of the current term's posts. */
export function TermModal({ org, mode, onClose }: { org: OrgDetail; mode: TermMode; onClose: () => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<TermValues>();
  const start = useStartTerm(org.id);
  const update = useUpdatePosts(org.id);
  const errors = useServerErrors(form);
  const current = org.leadership?.posts ?? [];
  const known = current.map((p) => ({ id: p.memberId, name: p.memberName }));
  const initial: TermValues = {
    termStart: mode === 'newTerm' ? today() : undefined,
    posts: current.length ? current.map((p) => ({ post: p.post, memberId: p.memberId })) : [{ post: 'secretary' }],
  };

  const handleFinish = (values: TermValues) => {
    errors.clear();
    const posts = values.posts.flatMap((p) => (p.post && p.memberId ? [{ post: p.post, memberId: p.memberId }] : []));
    const done = () => {
      message.success(mode === 'newTerm' ? t('org.term.started') : t('org.term.postsSaved'));
      onClose();
    };
    if (mode === 'newTerm') start.mutate({ termStart: values.termStart ?? today(), posts }, { onSuccess: done, onError: errors.handle });
    else update.mutate(posts, { onSuccess: done, onError: errors.handle });
  };

  return (
    <Modal
      open
      title={mode === 'newTerm' ? t('org.term.newTitle', { name: org.name }) : t('org.term.editTitle', { name: org.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={start.isPending || update.isPending}
      width={640}
      destroyOnHidden
    >
      {errors.alert}
      <Form<TermValues> form={form} layout="vertical" initialValues={initial} onFinish={handleFinish}>
        {mode === 'newTerm' ? (
          <Form.Item label={t('org.leadership.termStart')} name="termStart" rules={[{ required: true, message: t('common.required') }]} extra={t('org.term.dueHint')}>
            <DateInput notAfterToday allowClear={false} />
          </Form.Item>
        ) : null}
        <Form.List name="posts">
          {(fields, { add, remove }) => (
            <Flex vertical gap={0}>
              {fields.map((field, i) => (
                <Flex key={field.key} gap={8} align="flex-start">
                  <Form.Item name={[field.name, 'post']} rules={[{ required: true, message: t('common.required') }]} style={{ width: 160 }}>
                    <Select
                      aria-label={t('org.term.postN', { n: i + 1 })}
                      options={LEADERSHIP_POSTS.map((p) => ({ value: p, label: label(LEADERSHIP_POST_LABELS[p]) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'memberId']} rules={[{ required: true, message: t('org.term.pickMember') }]} style={{ flex: 1 }}>
                    <MemberPicker orgId={org.id} known={known} aria-label={t('org.term.memberN', { n: i + 1 })} />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('org.term.removeN', { n: i + 1 })} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ post: 'organizationMember' })} block>
                {t('org.term.addPost')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
