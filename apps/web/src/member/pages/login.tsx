import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { authKeys, useLogin } from '../../api/auth';
import type { Me } from '../../api/types';
import { errorDetail, errorText } from '../../shared/errors';
import { LanguageToggle } from '../components/ui';
import { go, goToPath, returnPath, useQueryParams } from '../router';

export function LoginPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const login = useLogin();
  // Where the member was going (e.g. the sign-in page a QR code opened): back there after logging in.
  const next = returnPath(useQueryParams().get('next'));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  const handleSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) return;
    login.mutate({ username: username.trim(), password }, {
      onSuccess: () => {
        const me = client.getQueryData<Me>(authKeys.me);
        // A forced change first, then on to where the member was going (e.g. a sign-in link).
        if (me?.user.mustChangePassword) go('password', { replace: true, query: next ? { next } : undefined });
        else if (next) goToPath(next, { replace: true });
        else go('home', { replace: true });
      },
    });
  };

  return (
    <div className="m-app m-login">
      <div className="m-login-top">
        <LanguageToggle />
      </div>
      <img src="/m/icon.svg" alt="" className="m-login-logo" />
      <h1 className="m-login-title">{t('m.title')}</h1>
      <p className="m-muted">{t('app.fullName')}</p>
      <form className="m-form" onSubmit={handleSubmit} noValidate>
        {login.isError ? (
          <div className="m-error" role="alert">
            <p>{errorText(t, login.error)}</p>
            {errorDetail(t, login.error) ? <p className="m-muted">{errorDetail(t, login.error)}</p> : null}
          </div>
        ) : null}
        <label className="m-label" htmlFor="m-username">{t('auth.login.username')}</label>
        <input id="m-username" className="m-input" autoComplete="username" inputMode="text" value={username} onChange={(e) => setUsername(e.target.value)} required />
        <label className="m-label" htmlFor="m-password">{t('auth.login.password')}</label>
        <input id="m-password" className="m-input" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        <button type="submit" className="m-button" disabled={login.isPending || !username.trim() || !password}>
          {login.isPending ? t('m.loggingIn') : t('auth.login.submit')}
        </button>
      </form>
    </div>
  );
}
