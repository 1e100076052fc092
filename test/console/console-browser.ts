/// <reference lib="dom" />
import type { INestApplication } from '@nestjs/common';
import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { logementsLiberables, type DemoDepartement } from '@aiguillage/demo';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import request from 'supertest';
import { auth, bootApp, type Account, type IsolatedDatabase } from '../helpers/app';

/**
 * Browser tests of the attribution console: Debian's chromium (never a downloaded browser) driven
 * by playwright-core against the API serving the built console; axe-core run in the pages.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');
const ROOT = join(__dirname, '..', '..');

/** Builds the console if its build is missing or stale (what `npm test`'s pretest does). */
export function ensureConsoleBuilt(): void {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-console.js')], { cwd: ROOT, stdio: 'inherit' });
}

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium introuvable (${CHROMIUM}) : apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-dev-shm-usage',
      '--lang=fr-FR',
    ],
  });
}

/** A new browser context at 1280 px, logged in through the login form. */
export async function connecte(
  browser: Browser,
  url: string,
  c: Account,
  viewport = { width: 1280, height: 900 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByLabel('Adresse e-mail').fill(c.email);
  await page.getByLabel('Mot de passe').fill(c.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByTestId('utilisateur').waitFor();
  return { context, page };
}

/**
 * A cut of the live connection the test decides: while `coupee`, every new WebSocket of the context is
 * closed at once; otherwise it is passed through to the server. Chromium's offline emulation is not
 * enough for this: a WebSocket open before it may still send (and not receive), so a reconnection could
 * get through half-way. The page's socket opened before this route is closed by the server
 * (`disconnectSockets(true)`), and its reconnections go through the route.
 */
export async function coupureDuDirect(context: BrowserContext): Promise<{ coupee: boolean }> {
  const etat = { coupee: false };
  await context.routeWebSocket(/\/socket\.io\//, (ws) => {
    if (etat.coupee) void ws.close();
    else ws.connectToServer();
  });
  return etat;
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core'), 'utf8');

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** Runs axe-core in the page: the serious and critical violations. */
export async function axeGraves(page: Page): Promise<Violation[]> {
  // A script tag, as the brief of these tests says; under a CSP that refuses inline scripts, the
  // same source evaluated through the devtools protocol.
  await page.addScriptTag({ content: AXE_SOURCE }).catch(() => page.evaluate(AXE_SOURCE));
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations: Violation[] = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(): Promise<{ violations: Violation[] }> } }).axe.run();
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ ...v, nodes: v.nodes.slice(0, 3) }));
}

export async function capture(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The console's browser tests' world: the demo seeded in an isolated database, the API serving the built console, a browser. */
export interface ConsoleEnBrowser {
  db: IsolatedDatabase;
  app: INestApplication;
  url: string;
  demo: DemoDepartement;
  bailleurId: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startConsoleEnBrowser(): Promise<ConsoleEnBrowser> {
  ensureConsoleBuilt();
  // Browsers log the same accounts in many times a minute: the login throttling's limits are raised here.
  const t = await bootApp({ env: { LOGIN_ESSAIS_COMPTE: '1000', LOGIN_ESSAIS_ADRESSE: '10000' } });
  const browser = await launch();
  const close = async () => {
    await browser.close();
    await t.close();
  };
  return { db: t.database, app: t.app, url: t.url, demo: t.demo, bailleurId: t.demo.bailleurs[0].id, browser, close };
}

/** What the API answered to a declared libération, and the flat's RPLS number (how the console names it). */
export interface Declaree {
  liberationId: string;
  rplsId: string;
  /** The body of `POST /api/liberations`: the libération and its recommendation. */
  body: {
    liberation: { id: string; date: string };
    recommendation: { recommandee?: { kind: string; conventionId?: string } };
  };
}

/**
 * Declares, at each call, the next flat the world's bailleur can free, as `charge`, through the
 * API: a day later each time, from 1 May 2026.
 */
export function declarant(monde: ConsoleEnBrowser, charge: Account): () => Promise<Declaree> {
  let suivant = 0;
  return async () => {
    const flat = logementsLiberables(monde.demo, monde.bailleurId)[suivant];
    const date = new Date(Date.UTC(2026, 4, 1) + suivant++ * 86_400_000).toISOString().slice(0, 10);
    const res = await request(monde.url)
      .post('/api/liberations')
      .set(auth(charge))
      .send({ logementId: flat.id, date, motif: 'CONGE' });
    if (res.status !== 201) throw new Error(`déclaration refusée ${res.status} ${JSON.stringify(res.body)}`);
    return { liberationId: res.body.liberation.id, rplsId: flat.rplsId, body: res.body };
  };
}

/** A libération's row in the « À orienter » queue. */
export const ligneDeLaFile = (page: Page, liberationId: string) =>
  page.locator(`[data-testid=file] tr[data-liberation="${liberationId}"]`);
