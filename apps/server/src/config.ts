import path from 'node:path';

/** Runtime configuration, read once from the environment (see README → Configuration). */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  dataKey: string | undefined;
  /** Secure cookies need HTTPS; off for the plain-HTTP local start. */
  secureCookies: boolean;
  maxUploadBytes: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.HONGYUN_DATA_DIR ?? './data'),
    dataKey: env.HONGYUN_DATA_KEY || undefined,
    secureCookies: env.HONGYUN_SECURE_COOKIES === '1',
    maxUploadBytes: Number(env.HONGYUN_MAX_UPLOAD_MB ?? 50) * 1024 * 1024,
  };
}
