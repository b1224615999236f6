import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useChangePassword, useLogout, useMe } from '../../api/auth';
import { isApiError } from '../../api/client';
import { errorText } from '../../shared/errors';
import { Shell } from '../components/ui';
import { go, goToPath, returnPath, useQueryParams } from '../router';

type FieldName = 'currentPassword' | 'newPassword' | 'confirmPassword';

/** Change password; the first screen after logging in with an initial password. */
export function PasswordPage() {
  const { t } = useTranslation();
  const me = useMe();
  const change = useChangePassword();
  const logout = useLogout();
  const next = returnPath(useQueryParams().get('next'));
  const handleLogout = () => logout.mutate(undefined, { onSettled: () => go('login', { replace: true }) });
  const [values, setValues] = useState<Record<FieldName, string>>({ currentPassword: '', newPassword: '', confirmPassword: '' });
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [done, setDone] = useState(false);
  const forced = me.data?.user.mustChangePassword ?? false;

  const handleSubmit = (e: FormEvent) => {
    e.preventDefault();
    const errors: Partial<Record<FieldName, string>> = {};
    if (!values.currentPassword) errors.currentPassword = t('auth.password.currentRequired');
    if (values.newPassword.length < 10) errors.newPassword = t('auth.password.tooShort');
    if (values.confirmPassword !== values.newPassword) errors.confirmPassword = t('auth.password.mismatch');
    setFieldErrors(errors);
    if (Object.keys(errors).length) return;
    change.mutate({ currentPassword: values.currentPassword, newPassword: values.newPassword }, {
      onSuccess: () => setDone(true),
      onError: (error) => {
        const issues = isApiError(error) ? (error.details?.issues ?? []) : [];
        setFieldErrors(Object.fromEntries(issues.map((i) => [i.path.replace(/^body\./, ''), i.message])));
      },
    });
  };

  const field = (name: FieldName, autoComplete: string) => (
    <>
      <label className="m-label" htmlFor={`m-${name}`}>{t(`auth.password.${name === 'currentPassword' ? 'current' : name === 'newPassword' ? 'new' : 'confirm'}`)}</label>
      <input
        id={`m-${name}`}
        className={`m-input${fieldErrors[name] ? ' m-input-error' : ''}`}
        type="password"
        autoComplete={autoComplete}
        value={values[name]}
        aria-invalid={fieldErrors[name] ? true : undefined}
        aria-describedby={fieldErrors[name] ? `m-${name}-error` : undefined}
        onChange={(e) => setValues({ ...values, [name]: e.target.value })}
      />
      {fieldErrors[name] ? <p id={`m-${name}-error`} className="m-field-error">{fieldErrors[name]}</p> : null}
    </>
  );

  const unmatched = change.isError && !(isApiError(change.error) && change.error.details?.issues?.length);
  return (
    <Shell title={t('auth.password.title')} home={forced}>
      {done ? (
        <div className="m-card">
          <p>{t('auth.password.done')}</p>
          {next
            ? <button type="button" className="m-button" onClick={() => goToPath(next, { replace: true })}>{t('m.continue')}</button>
            : <button type="button" className="m-button" onClick={() => go('home', { replace: true })}>{t('m.toHome')}</button>}
        </div>
      ) : (
        <form className="m-form m-card" onSubmit={handleSubmit} noValidate>
          {forced ? <div className="m-notice" role="note">{t('auth.password.forced')}</div> : null}
          {unmatched ? <div className="m-error" role="alert">{errorText(t, change.error)}</div> : null}
          {field('currentPassword', 'current-password')}
          {field('newPassword', 'new-password')}
          <p className="m-muted m-hint">{t('auth.password.rule')}</p>
          {field('confirmPassword', 'new-password')}
          <button type="submit" className="m-button" disabled={change.isPending}>{t('auth.password.submit')}</button>
          {forced ? (
            <button type="button" className="m-button m-button-secondary" onClick={handleLogout} disabled={logout.isPending}>{t('header.logout')}</button>
          ) : null}
        </form>
      )}
    </Shell>
  );
}
