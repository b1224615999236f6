import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLogout, useMe } from '../../api/auth';
import { EyeIcon, KeyIcon, OrgIcon, ProfileIcon } from '../components/icons';
import { Shell } from '../components/ui';
import { go, type Screen } from '../router';

const CARDS: { screen: Screen; icon: ReactNode; key: string }[] = [
  { screen: 'profile', icon: <ProfileIcon />, key: 'profile' },
  { screen: 'org', icon: <OrgIcon />, key: 'org' },
  { screen: 'access', icon: <EyeIcon />, key: 'access' },
  { screen: 'password', icon: <KeyIcon />, key: 'password' },
];

/** Home: big cards for the member's own record, organisation, record access and account. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  const linked = me.data?.user.memberId !== null && me.data?.user.memberId !== undefined;

  const handleLogout = () => logout.mutate(undefined, { onSettled: () => go('login', { replace: true }) });

  return (
    <Shell title={t('m.title')} home>
      <p className="m-greeting">{t('m.home.hello', { name: me.data?.user.displayName ?? '' })}</p>
      {!linked ? <div className="m-notice" role="note">{t('m.home.notLinked')}</div> : null}
      <nav className="m-cards" aria-label={t('m.home.menu')}>
        {CARDS.filter((c) => linked || c.screen === 'password').map((c) => (
          <button
            key={c.key}
            type="button"
            className="m-tile"
            onClick={() => go(c.screen)}
            aria-labelledby={`m-tile-${c.key}`}
            aria-describedby={`m-tile-${c.key}-sub`}
          >
            <span className="m-tile-icon" aria-hidden="true">{c.icon}</span>
            <span className="m-tile-text">
              <span className="m-tile-title" id={`m-tile-${c.key}`}>{t(`m.home.${c.key}`)}</span>
              <span className="m-tile-sub" id={`m-tile-${c.key}-sub`}>{t(`m.home.${c.key}Sub`)}</span>
            </span>
            <span className="m-tile-arrow" aria-hidden="true">›</span>
          </button>
        ))}
      </nav>
      <button type="button" className="m-button m-button-secondary m-logout" onClick={handleLogout} disabled={logout.isPending}>
        {t('header.logout')}
      </button>
    </Shell>
  );
}
