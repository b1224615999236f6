import { App, Button, Card, Flex, Form } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCreateMember, useMember, useUpdateMember } from '../../../../api/members';
import type { MemberDetail } from '../../../../api/types';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/page-state';
import { useServerErrors } from '../../../components/server-error';
import { MemberFormFields } from './member-form-fields';
import { createBody, EMPTY_MEMBER, updateBody, valuesOf, type MemberValues } from './member-values';

/** Add a member (/members/new) or edit one (/members/:id/edit). */
export function MemberEditPage() {
  const params = useParams();
  const id = params.memberId ? Number(params.memberId) : undefined;
  return id ? <EditMember id={id} /> : <MemberForm />;
}

function EditMember({ id }: { id: number }) {
  const member = useMember(id);
  return <QueryState query={member}>{member.data ? <MemberForm member={member.data} /> : null}</QueryState>;
}

function MemberForm({ member }: { member?: MemberDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<MemberValues>();
  const create = useCreateMember();
  const update = useUpdateMember(member?.id ?? 0);
  const errors = useServerErrors(form, () => navigate(0));
  const mode = member ? 'edit' : 'create';

  const handleFinish = (values: MemberValues) => {
    errors.clear();
    if (member) {
      update.mutate(updateBody(member, values), {
        onSuccess: () => {
          message.success(t('common.saved'));
          navigate(`/members/${member.id}`, { replace: true });
        },
        onError: errors.handle,
      });
    } else {
      create.mutate(createBody(values), {
        onSuccess: ({ id }) => {
          message.success(t('member.form.created'));
          navigate(`/members/${id}`, { replace: true });
        },
        onError: errors.handle,
      });
    }
  };

  return (
    <>
      <PageHeader title={member ? t('member.form.editTitle', { name: member.name }) : t('member.form.createTitle')} />
      <Card>
        {errors.alert}
        <Form<MemberValues>
          form={form}
          layout="vertical"
          initialValues={member ? valuesOf(member) : EMPTY_MEMBER}
          onFinish={handleFinish}
          onFinishFailed={({ errorFields }) => {
            const first = errorFields[0];
            if (first) form.scrollToField(first.name);
          }}
          scrollToFirstError
        >
          <MemberFormFields
            form={form}
            mode={mode}
            current={member ? { idNumberMasked: member.idNumberMasked, birthDate: member.birthDate, gender: member.gender } : undefined}
            phoneMasked={member?.phoneMasked}
            employer={member?.employerEnterpriseId ? { id: member.employerEnterpriseId, name: member.employerName ?? '' } : null}
          />
          <Flex gap={8} style={{ marginTop: 8 }}>
            <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending}>{t('common.save')}</Button>
            <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
          </Flex>
        </Form>
      </Card>
    </>
  );
}
