/// <reference lib="dom" />
/**
 * « Recalculer la recommandation » on the decision panel, in real headless Chromium: the panel says
 * when its recommendation was computed; once another flat is decided on the exercice (the panel
 * open), it says the conventions' progress moved since and how; one click recomputes it on today's
 * state, and the panel is up to date again. axe-core in the page; screenshot under docs/screenshots.
 */
process.env.FLOW_DUREE_JOUR_MS = '60000';
process.env.FLOW_POLL_MS = '200';

import { logementsLiberables } from '@aiguillage/demo';
import request from 'supertest';
import { axeGraves, capture, connecte, startConsoleEnBrowser, type ConsoleEnBrowser } from './console-browser';
import { account, type Account } from '../helpers/app';

jest.setTimeout(180_000);

describe('console: recalcul de la recommandation', () => {
  let monde: ConsoleEnBrowser;
  let charge: Account;
  const auth = (c: Account) => ({ Authorization: `Bearer ${c.token}` });

  beforeAll(async () => {
    monde = await startConsoleEnBrowser();
    charge = await account(monde.app, 'CHARGE', [monde.bailleurId], null, 'Camille Martin');
  });
  afterAll(() => monde?.close());

  const declarer = async (logementId: string, date: string) =>
    (
      await request(monde.url)
        .post('/api/liberations')
        .set(auth(charge))
        .send({ logementId, date, motif: 'CONGE' })
        .expect(201)
    ).body;

  it('warns on a stale panel, in French, and recomputes it in one click', async () => {
    const [attente, autre] = logementsLiberables(monde.demo, monde.bailleurId).slice(0, 2);
    const declaree = await declarer(attente.id, '2026-04-14');
    const liberationId: string = declaree.liberation.id;
    const { page, context } = await connecte(monde.browser, monde.url, charge);
    try {
      await page.goto(`${monde.url}/liberations/${liberationId}`);
      const calculeeLe = page.getByTestId('calculee-le');
      await calculeeLe.waitFor();
      expect(await calculeeLe.innerText()).toMatch(
        /^Recommandation calculée le \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}, sur l’état actuel des conventions\.$/,
      );
      expect(await page.getByTestId('perimee').count()).toBe(0);
      const avant = await calculeeLe.getAttribute('data-calculee-le');

      // Another flat decided while the panel is open: the panel says its reasons date from before.
      const decidee = await declarer(autre.id, '2026-04-14');
      await request(monde.url)
        .post('/api/orientations')
        .set(auth(charge))
        .send({ liberationId: decidee.liberation.id })
        .expect(201);
      const alerte = page.getByTestId('perimee');
      await alerte.waitFor();
      expect(await alerte.innerText()).toContain(
        'L’avancement des conventions a changé depuis (1 décision) : les raisons ci-dessous datent de ce calcul.',
      );
      expect(await calculeeLe.innerText()).not.toContain('état actuel');
      expect(await axeGraves(page)).toEqual([]);
      await capture(page, 'decision-recalcul');

      await page.getByRole('button', { name: 'Recalculer la recommandation' }).click();
      await page
        .getByTestId('recalcul-resultat')
        .getByText('Recommandation recalculée sur l’état actuel des conventions.')
        .waitFor();
      await alerte.waitFor({ state: 'detached' });
      await page.waitForFunction(
        (avant) => document.querySelector('[data-testid=calculee-le]')?.getAttribute('data-calculee-le') !== avant,
        avant,
      );
      expect(await calculeeLe.innerText()).toContain('sur l’état actuel des conventions.');
      const panneau = (
        await request(monde.url).get(`/api/console/liberations/${liberationId}/panneau`).set(auth(charge)).expect(200)
      ).body;
      expect(panneau.recommendationId).not.toBe(declaree.recommendation.id);
      expect(panneau.recommandation).toMatchObject({
        aJour: true,
        calculeeLe: await calculeeLe.getAttribute('data-calculee-le'),
      });
    } finally {
      await context.close();
    }
  });
});
