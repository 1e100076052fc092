/// <reference lib="dom" />
/**
 * « Recalculer la recommandation » on the decision panel, in real headless Chromium: the panel says
 * when its recommendation was computed; once another flat is decided on the exercice (the panel
 * open), it says the conventions' progress moved since and how; one click recomputes it on today's
 * state, and the panel is up to date again. « Accepter » on a stale panel decides on today's state:
 * when today's recommendation names another destination, nothing is decided, the panel says so and
 * shows it. axe-core in the page; screenshot under docs/screenshots.
 */
process.env.FLOW_DUREE_JOUR_MS = '60000';
process.env.FLOW_POLL_MS = '200';

import { logementsLiberables } from '@aiguillage/demo';
import request from 'supertest';
import { axeGraves, capture, connecte, startConsoleEnBrowser, type ConsoleEnBrowser } from './console-browser';
import { account, type Account } from '../helpers/app';
import { enAttenteTelle, type Declaree } from '../helpers/recommandation-du-jour';

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

  it('« Accepter » on a stale panel whose destination changed: nothing decided, both named, today’s shown', async () => {
    const logements = logementsLiberables(monde.demo, monde.bailleurId).slice(2);
    let suivant = 0;
    const declaree = await enAttenteTelle(
      monde,
      (): Promise<Declaree> => declarer(logements[suivant++].id, '2026-05-12'),
      (liberationId) =>
        request(monde.url).post('/api/orientations').set(auth(charge)).send({ liberationId }).expect(201),
      (aujourdhui, affichee) => aujourdhui !== affichee,
    );
    const liberationId = declaree.liberation.id;
    const { page, context } = await connecte(monde.browser, monde.url, charge);
    try {
      await page.goto(`${monde.url}/liberations/${liberationId}`);
      await page.getByTestId('perimee').waitFor();
      const accepter = page.getByTestId('accepter');
      const libelleLu = await accepter.innerText();
      await accepter.click();
      const conflit = page.getByTestId('conflit');
      await conflit.waitFor();
      expect(await conflit.innerText()).toMatch(
        /^Recommandation changée\s+L’avancement des conventions a bougé depuis le calcul de la recommandation : elle propose maintenant .+ \(au lieu de .+\)\. Rien n’est décidé : relisez-la, puis acceptez-la ou dérogez\.$/,
      );
      // The panel now shows today's recommendation, up to date; nothing was decided.
      await page.getByTestId('perimee').waitFor({ state: 'detached' });
      expect(await accepter.innerText()).not.toBe(libelleLu);
      expect(await axeGraves(page)).toEqual([]);
      const panneau = (
        await request(monde.url).get(`/api/console/liberations/${liberationId}/panneau`).set(auth(charge)).expect(200)
      ).body;
      expect(panneau.statut).toBe('A_ORIENTER');
      expect(panneau.recommendationId).not.toBe(declaree.recommendation.id);
      // Read, then accepted: decided on today's recommendation.
      await accepter.click();
      await page.getByTestId('resultat').getByText('Décision enregistrée.').waitFor();
      const decide = (
        await request(monde.url).get(`/api/console/liberations/${liberationId}/panneau`).set(auth(charge)).expect(200)
      ).body;
      expect(decide.statut).not.toBe('A_ORIENTER');
    } finally {
      await context.close();
    }
  });
});
