import { useSyncExternalStore } from 'react';

// A few screens need no router library: the History API and one event keep /m small.
export type Screen = 'home' | 'login' | 'profile' | 'org' | 'access' | 'password';

const PATHS: Record<Screen, string> = {
  home: '/m/',
  login: '/m/login',
  profile: '/m/profile',
  org: '/m/org',
  access: '/m/access',
  password: '/m/password',
};

function screenOf(pathname: string): Screen {
  const screens: Screen[] = ['home', 'login', 'profile', 'org', 'access', 'password'];
  const found = screens.find((s) => PATHS[s] === pathname || `${PATHS[s]}/` === pathname);
  return found ?? 'home';
}

const listeners = new Set<() => void>();
function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

export function useScreen(): Screen {
  return useSyncExternalStore(subscribe, () => screenOf(window.location.pathname));
}

export function go(screen: Screen, options: { replace?: boolean } = {}): void {
  const path = PATHS[screen];
  if (window.location.pathname === path) return;
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.scrollTo(0, 0);
  for (const l of listeners) l();
}

export function back(): void {
  if (window.history.length > 1) window.history.back();
  else go('home', { replace: true });
}
