import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorDetail, errorText } from '../../shared/errors';
import { setLanguage } from '../../shared/i18n';
import { back } from '../router';

/** A screen: a red top bar with its title (and back, except on home), then the content. */
export function Shell({ title, home = false, children }: { title: string; home?: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="m-app">
      <header className="m-bar">
        {home ? <img src="/m/icon.svg" alt="" className="m-bar-logo" /> : (
          <button type="button" className="m-bar-back" onClick={back} aria-label={t('m.back')}>
            ‹ <span>{t('m.back')}</span>
          </button>
        )}
        <h1 className="m-bar-title">{title}</h1>
        <LanguageToggle />
      </header>
      <main className="m-main">{children}</main>
    </div>
  );
}

export function LanguageToggle() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <button type="button" className="m-bar-lang" onClick={() => void setLanguage(en ? 'zh-CN' : 'en')} aria-label={t('header.language')}>
      {en ? t('lang.zh') : t('lang.en')}
    </button>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <div className="m-center" role="status" aria-live="polite">
      <div className="m-spinner" aria-hidden="true" />
      <p>{t('common.loading')}</p>
    </div>
  );
}

export function Problem({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const detail = errorDetail(t, error);
  return (
    <div className="m-problem" role="alert">
      <p className="m-problem-title">{errorText(t, error)}</p>
      {detail ? <p className="m-muted">{detail}</p> : null}
      {onRetry ? <button type="button" className="m-button m-button-secondary" onClick={onRetry}>{t('common.retry')}</button> : null}
    </div>
  );
}

/** Label / value rows of a record. */
export function Fields({ rows }: { rows: { key: string; label: string; value: ReactNode }[] }) {
  return (
    <dl className="m-fields">
      {rows.map((r) => (
        <div key={r.key} className="m-field">
          <dt>{r.label}</dt>
          <dd>{r.value === null || r.value === undefined || r.value === '' ? '—' : r.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="m-card">
      <h2 className="m-card-title">{title}</h2>
      {children}
    </section>
  );
}
