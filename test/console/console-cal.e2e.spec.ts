/// <reference lib="dom" />
/**
 * « Préparation CAL » in real headless Chromium: the propositions whose candidates await the CAL,
 * their candidates in the order the engine advises (a priority household ahead when the convention
 * has had none), the reason naming the réservataire and the convention, the réservataire's order
 * kept otherwise. axe-core in the page; screenshot under docs/screenshots.
 */
process.env.FLOW_DUREE_JOUR_MS = '60000';
process.env.FLOW_POLL_MS = '200';

import { logementsLiberables } from '@aiguillage/demo';
import type { OptionOrientation } from '@aiguillage/engine';
import request from 'supertest';
import { axeGraves, capture, connecte, startConsoleEnBrowser, type ConsoleEnBrowser } from './console-browser';
import { account, type Account } from '../helpers/app';

jest.setTimeout(180_000);

describe('console: préparation de la CAL', () => {
  let monde: ConsoleEnBrowser;
  let charge: Account;
  let manager: Account;
  const auth = (c: Account) => ({ Authorization: `Bearer ${c.token}` });

  beforeAll(async () => {
    monde = await startConsoleEnBrowser();
    charge = await account(monde.app, 'CHARGE', [monde.bailleurId], null, 'Camille Martin');
    manager = await account(monde.app, 'MANAGER', [monde.bailleurId], null, 'Claire Dubois');
  });
  afterAll(() => monde?.close());
  /** The demo's flats not freed yet, shared by the tests. */
  let flatsLibres: Iterator<{ id: string }> | undefined;
  const flats = () => (flatsLibres ??= logementsLiberables(monde.demo, monde.bailleurId)[Symbol.iterator]());

  /**
   * Frees the demo's flats until one may go to a convention of that `mode` (DIRECTE by default, null: any),
   * orients it there (at the réservataire's request, the manager approving when the policy asks) and
   * presents `candidats`: the proposition and its convention's id.
   */
  async function propositionAvec(
    flats: Iterator<{ id: string }>,
    jour: string,
    candidats: object[],
    mode: 'DIRECTE' | 'DELEGUEE' | null = 'DIRECTE',
  ): Promise<{ propositionId: string; conventionId: string }> {
    const directes = new Set(
      monde.demo.conventions
        .filter((c) => c.bailleurId === monde.bailleurId && (mode === null || c.delegation.mode === mode))
        .map((c) => c.id),
    );
    for (let flat = flats.next(); !flat.done; flat = flats.next()) {
      const lib = await request(monde.url)
        .post('/api/liberations')
        .set(auth(charge))
        .send({ logementId: flat.value.id, date: jour, motif: 'CONGE' })
        .expect(201);
      const option = (lib.body.recommendation.options as OptionOrientation[]).find(
        (o) =>
          o.eligible &&
          o.destination.kind === 'CONVENTION' &&
          !o.destination.sousQuota &&
          directes.has(o.destination.conventionId),
      );
      if (!option || option.destination.kind !== 'CONVENTION') continue;
      const d = option.destination;
      let decided = await request(monde.url).post('/api/orientations').set(auth(charge)).send({
        liberationId: lib.body.liberation.id,
        destination: d,
        motif: 'DEMANDE_RESERVATAIRE',
        commentaire: 'Demande du réservataire pour ses candidats',
      });
      if (decided.status === 202)
        decided = await request(monde.url)
          .post(`/api/overrides/${decided.body.overrideRequestId as string}/approve`)
          .set(auth(manager))
          .send({ commentaire: 'Accord' });
      expect(decided.status).toBe(201);
      const propositionId: string = decided.body.propositionId;
      await request(monde.url)
        .post(`/api/propositions/${propositionId}/candidats`)
        .set(auth(charge))
        .send({ candidats })
        .expect(200);
      return { propositionId, conventionId: d.conventionId };
    }
    throw new Error(`aucun logement recommandé à une convention ${mode ?? ''}`);
  }

  it('montre les candidats dans l’ordre conseillé, avec le motif quand il change celui du réservataire', async () => {
    const candidat = (
      numeroSne: string,
      rang: number,
      quartile: number,
      prioritaire: boolean,
      tailleMenage: number,
    ) => ({
      numeroSne,
      rang,
      quartile,
      prioritaire,
      tailleMenage,
    });
    // The demo's year starts without attributions: no priority household yet for any convention.
    const change = await propositionAvec(flats(), '2026-05-04', [
      candidat('096052600001', 1, 2, false, 4),
      candidat('096052600002', 2, 3, true, 2),
    ]);
    const garde = await propositionAvec(flats(), '2026-05-05', [
      candidat('096052600003', 1, 2, false, 3),
      candidat('096052600004', 2, 4, false, 5),
    ]);
    // Under délégation the bailleur designated them: its order, said as its own.
    const delegue = await propositionAvec(
      flats(),
      '2026-05-06',
      [candidat('096052600005', 1, 2, true, 3), candidat('096052600006', 2, 2, true, 2)],
      'DELEGUEE',
    );

    const { page, context } = await connecte(monde.browser, monde.url, charge);
    await page.getByRole('navigation').getByRole('link', { name: 'Préparation CAL' }).click();
    await page.getByRole('heading', { name: /Préparation CAL/ }).waitFor();

    const article = (id: string) => page.locator(`[data-proposition="${id}"]`);
    const lignes = async (id: string) => {
      const rows = article(id).getByTestId('candidat-cal');
      await rows.first().waitFor();
      return Promise.all(
        (await rows.all()).map(async (r) => [
          await r.getAttribute('data-sne'),
          await r.getByTestId('rang-conseille').innerText(),
          await r.getByTestId('rang-reservataire').innerText(),
        ]),
      );
    };
    // The priority household (the réservataire's second) is advised first.
    expect(await lignes(change.propositionId)).toEqual([
      ['096052600002', '1', '2'],
      ['096052600001', '2', '1'],
    ]);
    const convention = monde.demo.conventions.find((c) => c.id === change.conventionId)!;
    const reservataire = monde.demo.reservataires.find((r) => r.id === convention.reservataireId)!;
    const motif = await article(change.propositionId).getByTestId('motifs-conseil').first().innerText();
    expect(motif).toContain(`Ménages prioritaires : ${reservataire.nom} n'a encore aucune attribution, objectif 25 %`);
    expect(motif).toContain(`convention ${convention.reference}`);
    expect(await article(change.propositionId).getByTestId('convention-cal').innerText()).toContain(
      `${reservataire.nom} — convention ${convention.reference}`,
    );
    expect(await article(change.propositionId).getByTestId('badge-ordre').innerText()).toMatch(/Ordre modifié/i);
    // No priority household and the same quartile need met by both: the réservataire's order stands.
    expect(await lignes(garde.propositionId)).toEqual([
      ['096052600003', '1', '1'],
      ['096052600004', '2', '2'],
    ]);
    expect(await article(garde.propositionId).getByTestId('badge-ordre').innerText()).toMatch(/Ordre du réservataire/i);
    expect(await lignes(delegue.propositionId)).toEqual([
      ['096052600005', '1', '1'],
      ['096052600006', '2', '2'],
    ]);
    expect(await article(delegue.propositionId).getByTestId('badge-ordre').innerText()).toMatch(
      /Ordre du bailleur gardé/i,
    );
    expect(await article(delegue.propositionId).getByRole('columnheader', { name: 'Rang du bailleur' }).count()).toBe(
      1,
    );
    expect(await article(garde.propositionId).getByRole('columnheader', { name: 'Rang du réservataire' }).count()).toBe(
      1,
    );
    expect(await axeGraves(page)).toEqual([]);
    await capture(page, 'preparation-cal');
    await context.close();
  });

  it('pagine les logements : chacun une fois, 20 par page, « Logements 1 à 20 sur N »', async () => {
    const PAR_PAGE = 20;
    const attendues = new Set<string>();
    // More than a page, whatever the other tests seeded.
    for (let i = 0; i < PAR_PAGE + 2; i++) {
      const numeroSne = `0960527${String(i).padStart(5, '0')}`;
      const candidat = { numeroSne, rang: 1, quartile: 2, prioritaire: false, tailleMenage: 3 };
      attendues.add((await propositionAvec(flats(), '2026-05-07', [candidat], null)).propositionId);
    }
    const listees = await request(monde.url)
      .get('/api/propositions?status=CANDIDATS_RECUS&limit=100')
      .set(auth(charge))
      .expect(200);
    const total: number = listees.body.total;
    expect(total).toBeGreaterThan(PAR_PAGE);
    expect(total).toBeLessThanOrEqual(2 * PAR_PAGE);
    const toutes = (listees.body.items as Array<{ id: string }>).map((p) => p.id);
    for (const id of attendues) expect(toutes).toContain(id);

    const { page, context } = await connecte(monde.browser, monde.url, charge);
    await page.getByRole('navigation').getByRole('link', { name: 'Préparation CAL' }).click();
    const plage = page.getByTestId('plage-cal');
    const articles = page.getByTestId('proposition-cal');
    const vues = async () =>
      Promise.all((await articles.all()).map((a) => a.getAttribute('data-proposition') as Promise<string>));

    await page.getByText(`Logements 1 à ${PAR_PAGE} sur ${total}`).waitFor();
    expect(await articles.count()).toBe(PAR_PAGE);
    const page1 = await vues();

    const pages = page.getByLabel('Pages de la préparation CAL');
    await pages.getByRole('button', { name: 'Page 2', exact: true }).click();
    await page.getByText(`Logements ${PAR_PAGE + 1} à ${total} sur ${total}`).waitFor();
    await expect(plage.innerText()).resolves.toBe(`Logements ${PAR_PAGE + 1} à ${total} sur ${total}`);
    expect(await articles.count()).toBe(total - PAR_PAGE);
    const page2 = await vues();

    // Every flat awaiting the CAL once, on one page or the other.
    expect([...page1, ...page2].sort()).toEqual([...toutes].sort());
    expect(new Set([...page1, ...page2]).size).toBe(total);
    expect(await axeGraves(page)).toEqual([]);

    await pages.getByRole('button', { name: 'Page précédente' }).click();
    await page.getByText(`Logements 1 à ${PAR_PAGE} sur ${total}`).waitFor();
    expect(await vues()).toEqual(page1);

    // Live: the CAL attributes page 2's flats while it is shown; emptied, the page goes back to page 1.
    await pages.getByRole('button', { name: 'Page 2', exact: true }).click();
    await page.getByText(`Logements ${PAR_PAGE + 1} à ${total} sur ${total}`).waitFor();
    for (const id of page2) {
      const vue = await request(monde.url).get(`/api/propositions/${id}`).set(auth(charge)).expect(200);
      await request(monde.url)
        .post(`/api/propositions/${id}/cal`)
        .set(auth(charge))
        .send({ candidatId: vue.body.candidats[0].id, decision: 'ATTRIBUTION', rang: 1, dateCal: '2026-05-08' })
        .expect(200);
    }
    await page.getByText(`Logements 1 à ${PAR_PAGE} sur ${PAR_PAGE}`).waitFor();
    expect(await vues()).toEqual(page1);
    expect(await pages.count()).toBe(0);
    await context.close();
  });
});
