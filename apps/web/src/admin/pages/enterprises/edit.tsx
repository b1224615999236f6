import { App, Button, Card, Flex, Form } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useEnterprise, useRegisterEnterprise, useUpdateEnterprise, type EnterpriseDetail } from '../../../api/enterprises';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/page-state';
import { useServerErrors } from '../../components/server-error';
import { EnterpriseFormFields } from './form-fields';
import { createBody, EMPTY_ENTERPRISE, updateBody, valuesOf, type EnterpriseValues } from './form-values';

/** Register a company (/enterprises/new) or edit its registry record (/enterprises/:id/edit). */
export function EnterpriseEditPage() {
  const params = useParams();
  const id = params.enterpriseId ? Number(params.enterpriseId) : undefined;
  return id ? <EditEnterprise id={id} /> : <EnterpriseForm />;
}

function EditEnterprise({ id }: { id: number }) {
  const enterprise = useEnterprise(id);
  return <QueryState query={enterprise}>{enterprise.data ? <EnterpriseForm enterprise={enterprise.data} /> : null}</QueryState>;
}

function EnterpriseForm({ enterprise }: { enterprise?: EnterpriseDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [form] = Form.useForm<EnterpriseValues>();
  const create = useRegisterEnterprise();
  const update = useUpdateEnterprise(enterprise?.id ?? 0);
  const errors = useServerErrors(form, () => navigate(0));
  const presetTown = Number(search.get('townOrgId')) || null;

  const handleFinish = (values: EnterpriseValues) => {
    errors.clear();
    if (enterprise) {
      update.mutate(updateBody(enterprise, values), {
        onSuccess: () => {
          message.success(t('common.saved'));
          navigate(`/enterprises/${enterprise.id}`, { replace: true });
        },
        onError: errors.handle,
      });
    } else {
      create.mutate(createBody(values), {
        onSuccess: ({ id }) => {
          message.success(t('enterprises.form.created'));
          navigate(`/enterprises/${id}`, { replace: true });
        },
        onError: errors.handle,
      });
    }
  };

  return (
    <>
      <PageHeader title={enterprise ? t('enterprises.form.editTitle', { name: enterprise.name }) : t('enterprises.form.createTitle')}>
        {enterprise ? null : <span>{t('enterprises.form.createHint')}</span>}
      </PageHeader>
      <Card>
        {errors.alert}
        <Form<EnterpriseValues>
          form={form}
          layout="vertical"
          initialValues={enterprise ? valuesOf(enterprise) : { ...EMPTY_ENTERPRISE, townOrgId: presetTown }}
          onFinish={handleFinish}
          scrollToFirstError
        >
          <EnterpriseFormFields form={form} editing={!!enterprise} />
          <Flex gap={8} style={{ marginTop: 8 }}>
            <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending}>{t('common.save')}</Button>
            <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
          </Flex>
        </Form>
      </Card>
    </>
  );
}
