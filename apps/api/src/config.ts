/** Server settings from the environment, validated at start with clear messages. */
import { resolve } from 'node:path';
import { z } from 'zod';

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  /** "1" seeds a demo program on an empty database. */
  DEMO: z.enum(['0', '1', '']).default(''),
  DEMO_PASSWORD: z.string().min(12).max(128).default('coderprep-demo'),
  /** Directory of official code tables (ICD-10-CM/PCS, HCPCS) to load at start; optional. */
  CODESETS_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Set when a TLS-terminating proxy sits in front: cookies become Secure, req.ip from X-Forwarded-For. */
  TRUST_PROXY: z.enum(['0', '1', '']).default(''),
  NODE_ENV: z.string().default('development'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  demo: boolean;
  demoPassword: string;
  codesetsDir: string | undefined;
  logLevel: string;
  trustProxy: boolean;
  /** Check every response body against its contract (tests and development). */
  validateResponses: boolean;
  /** Session lifetime. */
  sessionTtlMs: number;
}

/** Reads the config from an environment, or throws listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${lines}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    // Relative to where the person ran the command (npm/pnpm set INIT_CWD), not the package folder.
    dataDir: resolve(env.INIT_CWD ?? process.cwd(), e.DATA_DIR),
    demo: e.DEMO === '1',
    demoPassword: e.DEMO_PASSWORD,
    codesetsDir: e.CODESETS_DIR,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY === '1',
    validateResponses: e.NODE_ENV !== 'production',
    sessionTtlMs: 7 * 24 * 3600_000,
  };
}

/** A config for tests. */
export function testConfig(over: Partial<Config> = {}): Config {
  return { ...loadConfig({ NODE_ENV: 'test' }), logLevel: 'silent', ...over };
}
