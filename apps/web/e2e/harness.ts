/**
 * End-to-end harness: the real server (tsx on apps/api/src/server.ts, demo program, a fresh SQLite
 * file in a fresh DATA_DIR, production mode) serving the built web app (apps/web/dist), driven by
 * Debian's Chromium through playwright-core with a fresh profile.
 *
 * Each test file calls `startE2E()` in beforeAll and `stopE2E()` in afterAll. Helpers: login by
 * the UI, an API session per person (for setup and for checking what the server holds),
 * screenshots of the main screens into apps/web/e2e-artifacts/, and an axe-core scan.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type APIRequestContext,
  type APIResponse,
  type BrowserContext,
  chromium,
  type Page,
  request,
} from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const WEB_DIR = resolve(here, '..');
export const API_DIR = resolve(WEB_DIR, '..', 'api');
export const ARTIFACTS_DIR = join(WEB_DIR, 'e2e-artifacts');
export const CHROMIUM = '/usr/bin/chromium';

export const DEMO_PASSWORD = 'coderprep-demo';
export const DEMO = {
  student: 'student@demo.test',
  instructor: 'instructor@demo.test',
  admin: 'admin@demo.test',
  joinCode: 'DEMO2027',
} as const;

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 375, height: 812 } as const;

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

// ---------------------------------------------------------------- the server

export interface ServerHandle {
  baseURL: string;
  port: number;
  dataDir: string;
  process: ChildProcess;
  /** Everything the server printed (stdout and stderr), for failure messages. */
  log(): string;
}

/** A port nobody listens on right now (127.0.0.1). */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => ok(port));
    });
  });
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/**
 * Starts the real server on 127.0.0.1 with a fresh DATA_DIR (fresh SQLite file), the demo program,
 * LOG_LEVEL=warn and NODE_ENV=production, and waits until /api/health answers.
 */
export async function startServer(): Promise<ServerHandle> {
  // A build running at the same moment empties dist/ for a few seconds: give it time.
  for (let waited = 0; waited < 30_000 && !existsSync(join(WEB_DIR, 'dist', 'index.html')); waited += 500)
    await sleep(500);
  if (!existsSync(join(WEB_DIR, 'dist', 'index.html')))
    throw new Error(
      'apps/web/dist is missing: build the web app first (`pnpm --filter @coderprep/web e2e` runs `vite build` before the tests).',
    );
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'coderprep-e2e-data-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO: '1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
  };
  // DATA_DIR is absolute; INIT_CWD (set by pnpm) must not move it, and vitest's own settings must not leak.
  delete env.INIT_CWD;
  delete env.VITEST;
  delete env.VITEST_POOL_ID;
  delete env.VITEST_WORKER_ID;
  delete env.TEST;
  // One process (node with tsx's loader), so the pid we keep is the server itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: API_DIR,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    if (output.length > 200_000) output = output.slice(-100_000);
    // Warnings and errors of the server show up in the test output as they happen.
    for (const line of text.split('\n'))
      if (/"level":(4|5|6)\d|Error|error/.test(line)) process.stderr.write(`[server] ${line}\n`);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: number | null | undefined;
  // If the test process ends without cleaning up (a crash, a timeout), the server goes with it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.on('exit', (code) => {
    exited = code;
    process.off('exit', killOnExit);
  });

  const baseURL = `http://127.0.0.1:${port}`;
  const started = Date.now();
  while (Date.now() - started < 90_000) {
    if (exited !== undefined)
      throw new Error(`the server exited (code ${exited}) before it was ready:\n${output.slice(-4000)}`);
    try {
      const res = await fetch(`${baseURL}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  if (Date.now() - started >= 90_000) {
    child.kill('SIGKILL');
    throw new Error(`the server did not answer /api/health within 90 s:\n${output.slice(-4000)}`);
  }
  const index = await fetch(`${baseURL}/login`);
  if (!index.ok || !(await index.text()).includes('id="root"'))
    throw new Error('the server does not serve the web app (apps/web/dist) at /login');
  return { baseURL, port, dataDir, process: child, log: () => output };
}

/** Stops the server (SIGTERM, then SIGKILL after 5 s) and removes its data directory. */
export async function stopServer(server: ServerHandle | undefined): Promise<void> {
  if (!server) return;
  const child = server.process;
  if (child.exitCode === null && child.signalCode === null) {
    const gone = new Promise<void>((ok) => child.once('exit', () => ok()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
  }
  rmSync(server.dataDir, { recursive: true, force: true });
}

// ---------------------------------------------------------------- the browser

/** Fails with the fix when Debian's Chromium is not installed (the e2e tests never skip). */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}. Install it with \`apt-get install -y chromium\` (as root), then run the e2e tests again.`,
    );
}

export interface BrowserHandle {
  context: BrowserContext;
  userDataDir: string;
}

/** Debian's Chromium, headless, with a fresh profile (--user-data-dir) and a 1280x800 window. */
export async function launchBrowser(baseURL: string): Promise<BrowserHandle> {
  requireChromium();
  const userDataDir = mkdtempSync(join(tmpdir(), 'coderprep-e2e-chromium-'));
  // launchPersistentContext is Playwright's way to pass --user-data-dir (launch() refuses that argument).
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    baseURL,
    viewport: { ...DESKTOP },
    locale: 'en-US',
    timezoneId: 'America/New_York',
    bypassCSP: true,
  });
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  return { context, userDataDir };
}

export async function closeBrowser(browser: BrowserHandle | undefined): Promise<void> {
  if (!browser) return;
  await browser.context.close().catch(() => undefined);
  rmSync(browser.userDataDir, { recursive: true, force: true });
}

// ---------------------------------------------------------------- one test file's world

export interface E2E {
  server: ServerHandle;
  browser: BrowserHandle;
  baseURL: string;
  context: BrowserContext;
  page: Page;
  /** API sessions opened with apiAs (closed by stopE2E). */
  apis: APIRequestContext[];
}

/** The server, the browser and a first page. Errors in the page's console are echoed. */
export async function startE2E(): Promise<E2E> {
  requireChromium();
  const server = await startServer();
  let browser: BrowserHandle | undefined;
  try {
    browser = await launchBrowser(server.baseURL);
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    watchPage(page);
    return { server, browser, baseURL: server.baseURL, context: browser.context, page, apis: [] };
  } catch (error) {
    await closeBrowser(browser);
    await stopServer(server);
    throw error;
  }
}

export async function stopE2E(e2e: E2E | undefined): Promise<void> {
  if (!e2e) return;
  for (const api of e2e.apis) await api.dispose().catch(() => undefined);
  await closeBrowser(e2e.browser);
  await stopServer(e2e.server);
}

/** Echoes the page's uncaught errors and console errors into the test output. */
export function watchPage(page: Page): void {
  page.on('pageerror', (error) => process.stderr.write(`[page error] ${error.message}\n`));
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() !== 'error' || text.startsWith('Failed to load resource')) return;
    process.stderr.write(`[console] ${text}\n`);
    if (/dynamically imported module|Unable to preload CSS|Expected a JavaScript/.test(text))
      process.stderr.write(
        '[e2e] a chunk of apps/web/dist is gone: was the web app rebuilt while the tests ran? Do not build during an e2e run.\n',
      );
  });
  // Refused API calls, with the server's error code (a 401 before logging in is expected).
  page.on('response', async (response) => {
    if (response.status() < 400 || !response.url().includes('/api/')) return;
    const body = await response.text().catch(() => '');
    const code = body.match(/"code":"([^"]+)"/)?.[1] ?? '';
    const path = new URL(response.url()).pathname;
    if (response.status() === 401 && path === '/api/auth/me') return;
    process.stderr.write(`[api] ${response.request().method()} ${path} -> ${response.status()} ${code}\n`);
  });
}

// ---------------------------------------------------------------- people

/** Logs in through the login page and waits to leave it. */
export async function login(page: Page, email: string, password: string = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Signs up through the sign-up page (it then lands on /join). */
export async function signup(page: Page, name: string, email: string, password: string): Promise<void> {
  await page.goto('/signup');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signup'));
}

/** Logs out through the header's button. */
export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/login'));
}

export interface Me {
  user: { id: string; email: string; name: string };
  memberships: { organisationId: string; organisationName: string; role: string }[];
}

/** An API session of its own (cookies apart from the browser's), logged in as `email`. */
export async function apiAs(
  e2e: E2E,
  email: string,
  password: string = DEMO_PASSWORD,
): Promise<{ api: APIRequestContext; me: Me; orgId: string }> {
  const api = await request.newContext({ baseURL: e2e.baseURL });
  e2e.apis.push(api);
  const me = (await ok(await api.post('/api/auth/login', { data: { email, password } }))) as Me;
  const orgId = me.memberships[0]?.organisationId ?? '';
  return { api, me, orgId };
}

/** The JSON body of a successful response; throws with the server's message otherwise. */
export async function ok<T = unknown>(res: APIResponse): Promise<T> {
  const text = await res.text();
  if (!res.ok()) throw new Error(`${res.url()} answered ${res.status()}: ${text.slice(0, 2000)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

// ---------------------------------------------------------------- screenshots

let shotCount = 0;

export interface ShotOptions {
  /** Also at phone width (375x812): for the student screens. */
  phone?: boolean;
  /** The whole scrollable page rather than the window. */
  fullPage?: boolean;
  /** Only at phone width: the page is already 375x812 (a phone-only state, e.g. the open palette). */
  phoneOnly?: boolean;
}

/**
 * Saves PNGs of the current screen to apps/web/e2e-artifacts/<name>-1280x800.png (and
 * -375x812.png for student screens), and warns when the page is wider than the phone.
 */
export async function screenshot(page: Page, name: string, options: ShotOptions = {}): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  shotCount += 1;
  const size = page.viewportSize() ?? DESKTOP;
  await settle(page);
  if (options.phoneOnly) {
    await page.screenshot({
      path: join(ARTIFACTS_DIR, `${name}-${PHONE.width}x${PHONE.height}.png`),
      fullPage: options.fullPage ?? false,
      animations: 'disabled',
    });
    await reportPhoneOverflow(page, name);
    return;
  }
  await page.screenshot({
    path: join(ARTIFACTS_DIR, `${name}-${DESKTOP.width}x${DESKTOP.height}.png`),
    fullPage: options.fullPage ?? false,
    animations: 'disabled',
  });
  if (options.phone) {
    await page.setViewportSize({ ...PHONE });
    await settle(page);
    await page.screenshot({
      path: join(ARTIFACTS_DIR, `${name}-${PHONE.width}x${PHONE.height}.png`),
      fullPage: options.fullPage ?? false,
      animations: 'disabled',
    });
    await reportPhoneOverflow(page, name);
    await page.setViewportSize({ width: size.width, height: size.height });
    await settle(page);
  }
}

async function reportPhoneOverflow(page: Page, name: string): Promise<void> {
  const overflow = await phoneOverflow(page);
  if (overflow.px > 1)
    process.stderr.write(
      `[layout] ${name}: the page is ${overflow.px}px wider than a ${PHONE.width}px phone (horizontal scrolling); widest: ${overflow.culprits.join(', ')}\n`,
    );
}

/** How far the page is wider than the window, and the innermost elements that stick out. */
export function phoneOverflow(page: Page): Promise<{ px: number; culprits: string[] }> {
  return page.evaluate(() => {
    const px = document.documentElement.scrollWidth - window.innerWidth;
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')} (${Math.round(el.getBoundingClientRect().right)}px)`;
    const out = px > 1 ? [...document.body.querySelectorAll('*')].filter(sticksOut) : [];
    // The innermost ones: what actually needs the room.
    const leaves = out.filter((el) => !out.some((other) => other !== el && el.contains(other)));
    return { px, culprits: leaves.slice(0, 4).map(describe) };
    function sticksOut(el: Element) {
      return el.getBoundingClientRect().right > window.innerWidth + 1;
    }
  });
}

/** Waits for fonts and two animation frames, so a screenshot shows what a person would see. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((ok) => {
        void document.fonts.ready.then(() => requestAnimationFrame(() => requestAnimationFrame(() => ok())));
      }),
  );
}

export const screenshotsTaken = () => shotCount;

// ---------------------------------------------------------------- accessibility

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string[]; html: string; failureSummary?: string }[];
}

/**
 * Runs axe-core (injected from its package) on the page and returns the serious and critical
 * violations, each printed with its rule, help and offending elements.
 */
export async function axeScan(page: Page, label: string): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const present = await page.evaluate(() => 'axe' in window);
  if (!present) await page.addScriptTag({ content: axeSource });
  const violations = (await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected at run time
    const axe = (window as any).axe;
    const result = await axe.run(document, {
      resultTypes: ['violations'],
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
    });
    return result.violations;
  })) as AxeViolation[];
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = violations.filter((v) => !serious.includes(v));
  if (minor.length)
    process.stderr.write(
      `[axe] ${label}: ${minor.length} minor/moderate finding(s): ${minor.map((v) => v.id).join(', ')}\n`,
    );
  if (serious.length) process.stderr.write(`[axe] ${label}:\n${formatViolations(serious)}\n`);
  return serious;
}

export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `  ${v.impact?.toUpperCase()} ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes
          .slice(0, 8)
          .map(
            (n) =>
              `    - ${n.target.join(' ')}\n      ${n.html.slice(0, 200)}\n      ${n.failureSummary?.replace(/\n/g, ' ') ?? ''}`,
          )
          .join('\n'),
    )
    .join('\n');
}

// ---------------------------------------------------------------- small helpers

/** Waits until `check` returns a truthy value (or throws with `what` after `timeoutMs`). */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T> | T,
  timeoutMs = 20_000,
  everyMs = 250,
) {
  const started = Date.now();
  let last: unknown;
  while (Date.now() - started < timeoutMs) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await sleep(everyMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

export { sleep };
