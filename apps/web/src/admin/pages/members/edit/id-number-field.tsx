import { useState } from 'react';
import { Checkbox, Col, Form, Input } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { GENDER_LABELS, validateIdNumber, type Gender } from '@hongyun/shared';
import { useLabel } from '../../../../shared/labels';
import type { MemberValues } from './member-values';

interface IdNumberFieldProps {
  form: FormInstance<MemberValues>;
  mode: 'create' | 'edit';
  /** The stored record (edit): its masked number, birth date and gender. */
  current?: { idNumberMasked: string; birthDate: string; gender: Gender };
  col: { xs: number; sm: number; lg: number };
}

/**
 * 身份证号, checked as typed (GB 11643 checksum); birth date and gender are read from it and
 * shown read-only. On edit the stored number stays masked unless the user chooses to replace it.
 */
export function IdNumberField({ form, mode, current, col }: IdNumberFieldProps) {
  const { t } = useTranslation();
  const label = useLabel();
  const [changing, setChanging] = useState(false);
  const idNumber = Form.useWatch('idNumber', form) ?? '';
  const editable = mode === 'create' || changing;
  const parsed = editable && idNumber ? validateIdNumber(idNumber) : null;
  const derived = parsed?.ok ? parsed : editable ? null : current;
  const gender = derived?.gender;

  const handleChanging = (on: boolean) => {
    setChanging(on);
    if (!on) form.setFieldValue('idNumber', undefined);
  };

  return (
    <>
      <Col {...col}>
        {editable ? (
          <Form.Item
            label={t('member.field.idNumber')}
            name="idNumber"
            validateFirst
            rules={[
              { required: true, message: t('member.form.idRequired') },
              {
                validator: (_, value: string | undefined) => {
                  if (!value) return Promise.resolve();
                  const r = validateIdNumber(value);
                  return r.ok ? Promise.resolve() : Promise.reject(new Error(r.message));
                },
              },
            ]}
            extra={mode === 'edit' ? <Checkbox checked onChange={() => handleChanging(false)}>{t('member.form.changeIdNumber')}</Checkbox> : undefined}
          >
            <Input maxLength={18} autoComplete="off" style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        ) : (
          <Form.Item label={t('member.field.idNumber')} extra={<Checkbox checked={false} onChange={() => handleChanging(true)}>{t('member.form.changeIdNumber')}</Checkbox>}>
            <Input value={current?.idNumberMasked} disabled aria-label={t('member.field.idNumber')} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        )}
      </Col>
      <Col {...col}>
        <Form.Item label={t('member.field.birthDate')} extra={t('member.form.derived')}>
          <Input variant="filled" value={derived?.birthDate ?? ''} readOnly aria-label={t('member.field.birthDate')} placeholder={t('member.form.fromIdNumber')} />
        </Form.Item>
      </Col>
      <Col {...col}>
        <Form.Item label={t('member.field.gender')} extra={t('member.form.derived')}>
          <Input variant="filled" value={gender ? label(GENDER_LABELS[gender]) : ''} readOnly aria-label={t('member.field.gender')} placeholder={t('member.form.fromIdNumber')} />
        </Form.Item>
      </Col>
    </>
  );
}
