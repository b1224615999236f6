import type { Login } from './write';

// The demo seed writes the organisations, enterprises, members and accounts first; then each
// area adds its own demo records in the same transaction (in this order: enterprise registry,
// coverage history, surveys and standards, enterprise service).

export interface AreaSeedContext {
  /** The demo's "today" (YYYY-MM-DD, Asia/Shanghai). */
  today: string;
  /** An argon2id hash of the demo password, for any accounts an area adds. */
  passwordHash: string;
}

export interface AreaSeedResult {
  /** Demo accounts the area added (printed with the others). */
  logins?: Login[];
}
