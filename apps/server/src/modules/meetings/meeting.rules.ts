import crypto from 'node:crypto';
import { todayInShanghai } from '@hongyun/shared';

// The time rules of a meeting, kept pure so services and tests share one reading of them.

/** The QR sign-in and online joining open this long before the start and close this long after the end. */
export const SIGN_IN_MARGIN_MS = 30 * 60_000;

export interface MeetingTimes {
  startsAt: Date;
  endsAt: Date;
}

/** Whether `now` lies in the window a meeting accepts sign-ins and online joining. */
export function inSignInWindow(m: MeetingTimes, now = new Date()): boolean {
  const t = now.getTime();
  return t >= m.startsAt.getTime() - SIGN_IN_MARGIN_MS && t <= m.endsAt.getTime() + SIGN_IN_MARGIN_MS;
}

/** The meeting has begun (its sign-in window opened): attendance and minutes may be recorded. */
export function hasBegun(m: MeetingTimes, now = new Date()): boolean {
  return now.getTime() >= m.startsAt.getTime() - SIGN_IN_MARGIN_MS;
}

/** A fresh secret for a meeting's rotating sign-in codes. */
export function newSignInSecret(): Buffer {
  return crypto.randomBytes(32);
}

/** The rotation window `at` falls in. */
export function signInWindowOf(at: Date, rotateSeconds: number): number {
  return Math.floor(at.getTime() / (rotateSeconds * 1000));
}

/**
 * The code of one window: an HMAC over the meeting and the window, so a code read off a
 * screen stops working soon after the screen moves on, and cannot be guessed for another
 * meeting or a later window.
 */
export function signInToken(secret: Buffer, meetingId: number, window: number): string {
  return crypto.createHmac('sha256', secret).update(`${meetingId}:${window}`).digest('base64url').slice(0, 16);
}

/** Accepts the current window's code and the previous one (a phone that scanned just before a rotation). */
export function verifySignInToken(secret: Buffer, meetingId: number, token: string, rotateSeconds: number, now = new Date()): boolean {
  const current = signInWindowOf(now, rotateSeconds);
  const given = Buffer.from(token);
  return [current, current - 1].some((w) => {
    const expected = Buffer.from(signInToken(secret, meetingId, w));
    return expected.length === given.length && crypto.timingSafeEqual(expected, given);
  });
}

export type MinutesState = 'none' | 'recorded' | 'confirmed';

export function minutesStateOf(minutes: { confirmedAt: Date | null } | null | undefined): MinutesState {
  if (!minutes) return 'none';
  return minutes.confirmedAt ? 'confirmed' : 'recorded';
}

/** Minutes still unconfirmed after their due date (a cancelled meeting owes none). */
export function minutesOverdue(m: { status: string; minutesDueOn: string }, state: MinutesState, today = todayInShanghai()): boolean {
  return m.status === 'planned' && state !== 'confirmed' && today > m.minutesDueOn;
}
