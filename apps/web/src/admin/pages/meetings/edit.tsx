import { useEffect, useMemo, useRef, useState } from 'react';
import type { Dayjs } from 'dayjs';
import { Alert, App, Button, Card, Divider, Flex, Form } from 'antd';
import type { FormInstance } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MEETING_KIND_LABELS, MEETING_KINDS, type MeetingKind } from '@hongyun/shared';
import { isApiError } from '../../../api/client';
import { useMeeting, usePlanMeeting, useUpdateMeeting, type MeetingDetail } from '../../../api/meetings';
import { useMe } from '../../../api/auth';
import { useOrg } from '../../../api/orgs';
import { useLabel } from '../../../shared/labels';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/page-state';
import { useServerErrors } from '../../components/server-error';
import { emptyValues, planBody, updateBody, valuesOf, type MeetingValues } from './form-values';
import { PeopleFields } from './people-fields';
import { PlanFields } from './plan-fields';

/** Plan a meeting (/meetings/new?orgId=&kind=) or change a planned one (/meetings/:id/edit). */
export function MeetingEditPage() {
  const params = useParams();
  const id = params.meetingId ? Number(params.meetingId) : undefined;
  return id ? <EditMeeting id={id} /> : <MeetingForm />;
}

function EditMeeting({ id }: { id: number }) {
  const { t } = useTranslation();
  const meeting = useMeeting(id);
  const m = meeting.data;
  return (
    <QueryState query={meeting}>
      {m && !m.abilities.canEdit ? <Alert type="warning" showIcon title={t('meetings.form.notEditable')} /> : null}
      {m?.abilities.canEdit ? <MeetingForm meeting={m} /> : null}
    </QueryState>
  );
}

/** A conflict that names a field (a taken venue slot) is shown on that field, where the choice is made. */
function conflictOnField(form: FormInstance<MeetingValues>, error: unknown): boolean {
  if (!isApiError(error) || typeof error.details?.path !== 'string') return false;
  const name = error.details.path;
  if (!form.getFieldsError().some((f) => f.name.join('.') === name)) return false;
  // The path names one of this form's fields (checked above).
  form.setFields([{ name: name as keyof MeetingValues, errors: [error.message] }]);
  form.scrollToField(name, { block: 'center' });
  return true;
}

/** A title to start from ("2026年11月支委会") until the secretary types their own. */
function useDefaultTitle(): (kind: MeetingKind | undefined, startsAt: Dayjs | undefined) => string {
  const { t } = useTranslation();
  const label = useLabel();
  return (kind, startsAt) => {
    if (!kind) return '';
    const name = label(MEETING_KIND_LABELS[kind]);
    return startsAt ? t('meetings.form.defaultTitle', { year: startsAt.year(), month: startsAt.month() + 1, kind: name }) : name;
  };
}

/** The organisation's secretary hosts by default. */
function useDefaultHost(form: FormInstance<MeetingValues>, secretaryId: number | undefined) {
  useEffect(() => {
    if (secretaryId && !form.getFieldValue('hostMemberId')) form.setFieldValue('hostMemberId', secretaryId);
  }, [secretaryId, form]);
}

function MeetingForm({ meeting }: { meeting?: MeetingDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [form] = Form.useForm<MeetingValues>();
  const plan = usePlanMeeting();
  const update = useUpdateMeeting(meeting?.id ?? 0);
  const errors = useServerErrors(form, () => navigate(0));
  const defaultTitle = useDefaultTitle();
  const me = useMe();
  const initialValues = useMemo(() => {
    if (meeting) return valuesOf(meeting);
    const requested = search.get('kind');
    const kind = (MEETING_KINDS as readonly string[]).includes(requested ?? '') ? (requested as MeetingKind) : undefined;
    // A secretary's account holds one organisation: start from it.
    const grants = me.data?.grants ?? [];
    const orgId = Number(search.get('orgId')) || (grants.length === 1 ? grants[0]?.orgId : undefined);
    return { ...emptyValues(orgId, kind), title: defaultTitle(kind, undefined) };
    // Computed once per address: the title default must not reset what was typed.
  }, [meeting, search]);
  // Followed through onValuesChange: the organisation decides who may be chosen below.
  const [orgId, setOrgId] = useState(initialValues.orgId);
  const titleTyped = useRef(false);
  const org = useOrg(orgId);
  const secretary = org.data?.leadership?.posts.find((p) => p.post === 'secretary');
  useDefaultHost(form, secretary?.memberId);

  const known = useMemo(() => {
    const people = [meeting?.host, meeting?.recorder, ...(secretary ? [{ id: secretary.memberId, name: secretary.memberName }] : [])];
    if (meeting?.lecturer?.memberId) people.push({ id: meeting.lecturer.memberId, name: meeting.lecturer.name });
    return people.filter((p): p is { id: number; name: string } => !!p);
  }, [meeting, secretary]);

  const handleError = (error: unknown) => {
    errors.clear();
    if (!conflictOnField(form, error)) errors.handle(error);
  };

  // People belong to one organisation: choosing another clears them (the host defaults to its secretary again).
  // A new meeting's title follows its kind and month until the secretary types one.
  const handleValuesChange = (changed: Partial<MeetingValues>, all: MeetingValues) => {
    if ('orgId' in changed) {
      setOrgId(changed.orgId);
      form.setFieldsValue({ hostMemberId: undefined, recorderMemberId: undefined, lecturerMemberId: undefined, partyGroupId: undefined, extraInviteeIds: [] });
    }
    // Not isFieldTouched: setting the default marks the field touched too. Typing is what counts.
    if ('title' in changed) titleTyped.current = true;
    if (!meeting && ('kind' in changed || 'startsAt' in changed) && !titleTyped.current) {
      form.setFieldValue('title', defaultTitle(all.kind, all.startsAt));
    }
  };

  const handleFinish = (values: MeetingValues) => {
    errors.clear();
    if (meeting) {
      update.mutate(updateBody(values, meeting.version), {
        onSuccess: () => {
          message.success(t('meetings.form.updated'));
          navigate(`/meetings/${meeting.id}`, { replace: true });
        },
        onError: handleError,
      });
    } else {
      plan.mutate(planBody(values), {
        onSuccess: ({ id }) => {
          message.success(t('meetings.form.planned'));
          navigate(`/meetings/${id}`, { replace: true });
        },
        onError: handleError,
      });
    }
  };

  return (
    <>
      <PageHeader title={meeting ? t('meetings.form.editTitle', { title: meeting.title }) : t('meetings.form.createTitle')}>
        <span>{meeting ? t('meetings.form.editHint') : t('meetings.form.createHint')}</span>
      </PageHeader>
      <Card>
        {errors.alert}
        <Form<MeetingValues> form={form} layout="vertical" initialValues={initialValues} onFinish={handleFinish} onValuesChange={handleValuesChange} scrollToFirstError style={{ maxWidth: 960 }}>
          <PlanFields form={form} fixedOrgName={meeting ? meeting.orgName : null} knownVenue={meeting?.venue ? { id: meeting.venue.venueId, name: meeting.venue.name } : null} />
          <Divider titlePlacement="start">{t('meetings.form.people')}</Divider>
          <PeopleFields form={form} org={org.data} known={known} />
          <Flex gap={8} style={{ marginTop: 8 }}>
            <Button type="primary" htmlType="submit" loading={plan.isPending || update.isPending}>{meeting ? t('common.save') : t('meetings.form.submitPlan')}</Button>
            <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
          </Flex>
        </Form>
      </Card>
    </>
  );
}
