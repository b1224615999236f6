import { useSyncExternalStore } from 'react';

// A few screens need no router library: the History API and one event keep /m small.
export type Screen =
  | 'home' | 'login' | 'profile' | 'org' | 'access' | 'password'
  | 'todos' | 'meetings' | 'meeting' | 'signIn' | 'thread' | 'appraisals' | 'appraisal'
  | 'quiz' | 'points' | 'rulebook' | 'courses' | 'course' | 'exams' | 'exam' | 'pointsReport' | 'contest';

/** Each screen's path; ':id' marks the one parameter a detail screen takes. */
const PATHS: Record<Screen, string> = {
  home: '/m/',
  login: '/m/login',
  profile: '/m/profile',
  org: '/m/org',
  access: '/m/access',
  password: '/m/password',
  todos: '/m/todos',
  meetings: '/m/meetings',
  meeting: '/m/meetings/:id',
  signIn: '/m/sign-in',
  thread: '/m/thread',
  appraisals: '/m/appraisals',
  appraisal: '/m/appraisals/:id',
  quiz: '/m/quiz',
  points: '/m/points',
  rulebook: '/m/rulebook',
  courses: '/m/courses',
  course: '/m/courses/:id',
  exams: '/m/exams',
  exam: '/m/exams/:id',
  pointsReport: '/m/points/report',
  contest: '/m/contests/:id',
};

function match(pattern: string, pathname: string): string | null | undefined {
  const path = pathname.length > 3 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  if (!pattern.includes(':id')) return pattern === path || `${pattern}/` === path || pattern === `${path}/` ? null : undefined;
  const prefix = pattern.slice(0, pattern.indexOf(':id'));
  if (!path.startsWith(prefix)) return undefined;
  const id = path.slice(prefix.length);
  return /^[1-9]\d{0,15}$/.test(id) ? id : undefined;
}

function screenOf(pathname: string): Screen {
  for (const s of Object.keys(PATHS) as Screen[]) if (match(PATHS[s], pathname) !== undefined) return s;
  return 'home';
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

/** The id of a detail screen ('/m/meetings/12' → 12), or null on other screens. */
export function useScreenParam(): number | null {
  const id = useSyncExternalStore(subscribe, () => {
    const pathname = window.location.pathname;
    const found = match(PATHS[screenOf(pathname)], pathname);
    return found ?? null;
  });
  return id === null ? null : Number(id);
}

/** The current address's query parameters (read once per render). */
export function useQueryParams(): URLSearchParams {
  const search = useSyncExternalStore(subscribe, () => window.location.search);
  return new URLSearchParams(search);
}

export function go(screen: Screen, options: { replace?: boolean; id?: number; query?: Record<string, string> } = {}): void {
  let path = PATHS[screen].replace(':id', String(options.id ?? ''));
  if (options.query) path += `?${new URLSearchParams(options.query).toString()}`;
  if (`${window.location.pathname}${window.location.search}` === path) return;
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.scrollTo(0, 0);
  for (const l of listeners) l();
}

/** Opens an app path such as a to-do's link ('/m/meetings/12'); paths outside /m load normally. */
export function goToPath(path: string, options: { replace?: boolean } = {}): void {
  if (!path.startsWith('/m/') && path !== '/m') {
    if (options.replace) window.location.replace(path);
    else window.location.assign(path);
    return;
  }
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.scrollTo(0, 0);
  for (const l of listeners) l();
}

export function back(): void {
  if (window.history.length > 1) window.history.back();
  else go('home', { replace: true });
}

/**
 * The login screen, remembering where the member was (e.g. the sign-in page a QR code opened)
 * so that logging in brings them back there.
 */
export function goToLogin(): void {
  if (screenOf(window.location.pathname) === 'login') return;
  const here = `${window.location.pathname}${window.location.search}`;
  const next = returnPath(here);
  go('login', { replace: true, query: next && screenOf(window.location.pathname) !== 'home' ? { next } : undefined });
}

/** A safe place to return to after logging in: a path of this app (never another site, never the login itself). */
export function returnPath(next: string | null): string | null {
  if (!next || !next.startsWith('/m/') || next.startsWith('//') || next.includes('\\')) return null;
  return screenOf(new URL(next, window.location.origin).pathname) === 'login' ? null : next;
}
