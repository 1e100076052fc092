/// <reference lib="dom" />
/**
 * The console when the connection fails, in real headless Chromium against the API on the real
 * PostgreSQL: the live connection lost, then back (the banner, and the gateway's replay of what
 * happened meanwhile), and a flat decided elsewhere that the page cannot read again (its notice
 * still says where the flat went).
 */
process.env.FLOW_DUREE_JOUR_MS = '60000';
process.env.FLOW_POLL_MS = '200';

import request from 'supertest';
import { EventsGateway } from '../../apps/api/src/events/events.gateway';
import {
  connecte,
  coupureDuDirect,
  declarant,
  ligneDeLaFile as ligne,
  startConsoleEnBrowser,
  type ConsoleEnBrowser,
  type Declaree,
} from './console-browser';
import { account, auth, type Account } from '../helpers/app';

jest.setTimeout(120_000);

describe('console: a lost connection', () => {
  let monde: ConsoleEnBrowser;
  let charge: Account;
  let charge2: Account;
  let declarer: () => Promise<Declaree>;

  const decider = (liberationId: string) =>
    request(monde.url).post('/api/orientations').set(auth(charge2)).send({ liberationId }).expect(201);

  beforeAll(async () => {
    monde = await startConsoleEnBrowser();
    charge = await account(monde.app, 'CHARGE', [monde.bailleurId], null, 'Camille Martin');
    charge2 = await account(monde.app, 'CHARGE', [monde.bailleurId], null, 'Louis Bernard');
    declarer = declarant(monde, charge);
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
