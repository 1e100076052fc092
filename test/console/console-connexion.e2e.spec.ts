/// <reference lib="dom" />
/**
 * The console when the connection fails, in real headless Chromium against the API on the real
 * PostgreSQL: the live connection lost, then back (the banner, and the gateway's replay of what
 * happened meanwhile), and a flat decided elsewhere that the page cannot read again (its notice
 * still says where the flat went).
 */
process.env.FLOW_DUREE_JOUR_MS = '60000';
process.env.FLOW_POLL_MS = '200';

import { logementsLiberables } from '@aiguillage/demo';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { EventsGateway } from '../../apps/api/src/events/events.gateway';
import { connecte, coupureDuDirect, startConsoleEnBrowser, type ConsoleEnBrowser } from './console-browser';
import { account, auth, type Account } from '../helpers/app';

jest.setTimeout(120_000);

describe('console: a lost connection', () => {
  let monde: ConsoleEnBrowser;
  let charge: Account;
  let charge2: Account;
  let suivant = 0;

  /** Declares the next flat the bailleur can free, a day later than the one before. */
  const declarer = async (): Promise<{ liberationId: string; rplsId: string }> => {
    const flat = logementsLiberables(monde.demo, monde.bailleurId)[suivant];
    const date = new Date(Date.UTC(2026, 4, 1) + suivant++ * 86_400_000).toISOString().slice(0, 10);
    const res = await request(monde.url)
      .post('/api/liberations')
      .set(auth(charge))
      .send({ logementId: flat.id, date, motif: 'CONGE' })
      .expect(201);
    return { liberationId: res.body.liberation.id, rplsId: flat.rplsId };
  };
  const decider = (liberationId: string) =>
    request(monde.url).post('/api/orientations').set(auth(charge2)).send({ liberationId }).expect(201);
  const ligne = (page: Page, liberationId: string) =>
    page.locator(`[data-testid=file] tr[data-liberation="${liberationId}"]`);

  beforeAll(async () => {
    monde = await startConsoleEnBrowser();
    charge = await account(monde.app, 'CHARGE', [monde.bailleurId], null, 'Camille Martin');
    charge2 = await account(monde.app, 'CHARGE', [monde.bailleurId], null, 'Louis Bernard');
  });

  afterAll(() => monde?.close());

  it('offline, then back: the banner says so, and what happened meanwhile is caught up (replay by last event id)', async () => {
    const { page, context } = await connecte(monde.browser, monde.url, charge);
    const premiere = await declarer();
    await ligne(page, premiere.liberationId).waitFor();
    const coupure = await coupureDuDirect(context);
    coupure.coupee = true;
    await context.setOffline(true);
    monde.app.get(EventsGateway).server.disconnectSockets(true);
    await page.getByTestId('hors-ligne').waitFor();
    const pendant = [await declarer(), await declarer(), await declarer()];
    await decider(premiere.liberationId);
    expect(await page.getByTestId('hors-ligne').isVisible()).toBe(true);
    coupure.coupee = false;
    await context.setOffline(false);
    await page.getByTestId('hors-ligne').waitFor({ state: 'detached' });
    for (const lib of pendant) await ligne(page, lib.liberationId).waitFor();
    await ligne(page, premiere.liberationId).waitFor({ state: 'detached' });
    // The notice is written once the replayed decision is handled: awaited, not read at once.
    await page.getByTestId('avis').filter({ hasText: 'par Louis Bernard' }).waitFor();
    await context.close();
  });

  it('a flat decided elsewhere that the page cannot read again: its notice names where it went, from the event', async () => {
    const { page, context } = await connecte(monde.browser, monde.url, charge);
    const lib = await declarer();
    await ligne(page, lib.liberationId).waitFor();
    await page.route(`**/api/console/liberations/${lib.liberationId}`, (route) => route.abort('internetdisconnected'));
    await decider(lib.liberationId);
    await ligne(page, lib.liberationId).waitFor({ state: 'detached' });
    const lu = (
      await request(monde.url).get(`/api/console/liberations/${lib.liberationId}`).set(auth(charge)).expect(200)
    ).body as { logement: { communeNom: string }; decision: { destination: { libelle: string } } };
    const avis = page.getByTestId('avis').filter({ hasText: `Logement ${lib.rplsId}` });
    await avis.waitFor();
    expect(await avis.innerText()).toContain(
      `Logement ${lib.rplsId} (${lu.logement.communeNom}) : orienté vers ${lu.decision.destination.libelle}`,
    );
    await context.close();
  });
});
