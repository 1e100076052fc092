/// <reference lib="dom" />
/**
 * The réservataire's portal in real headless Chromium: a réservataire account sees, at each bailleur
 * where it holds a convention, where each of its conventions stands (proposed, réalisé / objectif,
 * lag or advance at date) with the bailleur's figures, never another réservataire's convention nor a
 * page of the bailleur's team; follows live the flats proposed to it still in progress (named, the
 * délai its candidates are awaited until, then before the CAL); and downloads its own part of the
 * bilans its bailleurs calculated.
 * axe-core; screenshot docs/screenshots/portail-reservataire.png.
 */
import ExcelJS from 'exceljs';
import request from 'supertest';
import type { Browser } from 'playwright-core';
import { decompteFr, logementsFr, nombreFr } from '../../apps/console/src/format';
import { account, auth, waitUntil, type Account } from '../helpers/app';
import { proposerVers } from '../helpers/orientation';
import { axeGraves, capture, connecte, startConsoleEnBrowser, type ConsoleEnBrowser } from './console-browser';

jest.setTimeout(120_000);

describe('console: the réservataire portal', () => {
  let monde: ConsoleEnBrowser;
  let url: string;
  let browser: Browser;
  let reservataire: Account;
  let reservataireId: string;
  let conventionOrientee: string;
  let proposer: (date: string) => Promise<string>;

  /** One candidate presented on the proposition (by the chargé, as under délégation): its id. */
  const presenter = async (
    charge: Account,
    propositionId: string,
    candidat: { numeroSne: string; quartile: number; prioritaire: boolean },
  ): Promise<string> => {
    const recus = await request(url)
      .post(`/api/propositions/${propositionId}/candidats`)
      .set(auth(charge))
      .send({ candidats: [{ ...candidat, rang: 1, tailleMenage: 3 }] })
      .expect(200);
    return recus.body.candidats[0].id;
  };
  /** The CAL attributes the flat to that candidate. */
  const attribuer = async (charge: Account, propositionId: string, candidatId: string, dateCal: string) => {
    await request(url)
      .post(`/api/propositions/${propositionId}/cal`)
      .set(auth(charge))
      .send({ candidatId, decision: 'ATTRIBUTION', rang: 1, dateCal })
      .expect(200);
  };

  beforeAll(async () => {
    monde = await startConsoleEnBrowser();
    ({ url, browser } = monde);
    const { demo, bailleurId } = monde;
    // The réservataire holding conventions at the most bailleurs (Action Logement, the préfet…).
    const bailleursDe = (id: string) =>
      new Set(demo.conventions.filter((c) => c.reservataireId === id).map((c) => c.bailleurId));
    reservataireId = demo.reservataires
      .filter((r) => bailleursDe(r.id).has(bailleurId))
      .sort((a, b) => bailleursDe(b.id).size - bailleursDe(a.id).size)[0].id;
    expect(bailleursDe(reservataireId).size).toBeGreaterThanOrEqual(2);
    // Its account reads at the bailleurs it holds conventions with (as the demo's réservataire accounts do).
    reservataire = await account(
      monde.app,
      'RESERVATAIRE',
      [...bailleursDe(reservataireId)],
      reservataireId,
      'Paul Girard',
    );
    // One flat proposed to its convention at the first bailleur, so that the page has a figure to show.
    const charge = await account(monde.app, 'CHARGE', [bailleurId], null, 'Camille Martin');
    const siennes = new Set(
      demo.conventions
        .filter((c) => c.reservataireId === reservataireId && c.bailleurId === bailleurId)
        .map((c) => c.id),
    );
    expect(siennes.size).toBe(1); // one convention per bailleur × réservataire × département
    [conventionOrientee] = siennes;
    const logements = demo.logements.filter((l) => l.bailleurId === bailleurId && !l.stockDefense);
    /** Declares flats freed on `date` until the engine offers one to its convention, and orients it there. */
    proposer = async (date: string): Promise<string> => {
      for (let essais = 0; essais < 40; essais++) {
        const logement = logements.shift()!;
        const propositionId = await proposerVers(
          url,
          charge,
          { logementId: logement.id, date },
          siennes,
          'DEMANDE_RESERVATAIRE',
        );
        if (propositionId) return propositionId;
      }
      throw new Error('aucun logement proposé à la convention');
    };
    // Its candidate, a priority household, attributed by the CAL: one attribution, priority.
    const propositionId = await proposer(`${demo.exercices[0].annee}-03-02`);
    const candidatId = await presenter(charge, propositionId, {
      numeroSne: 'SNE-PORTAIL',
      quartile: 1,
      prioritaire: true,
    });
    await attribuer(charge, propositionId, candidatId, `${demo.exercices[0].annee}-03-12`);
  });

  afterAll(() => monde?.close());

  it('downloads its own part of a bilan its bailleur calculated', async () => {
    const { demo, bailleurId } = monde;
    const manager = await account(monde.app, 'MANAGER', [bailleurId], null, 'Claire Dubois');
    const annee = demo.exercices[0].annee;
    const generation = await request(url)
      .post('/api/bilans')
      .set(auth(manager))
      .send({ bailleurId, departement: demo.departement.code, annee })
      .expect(202);
    let snapshotId: string | null = null;
    await waitUntil(
      'bilan calculé',
      async () => {
        const g = (await request(url).get(`/api/bilans/generations/${generation.body.id}`).set(auth(manager))).body;
        snapshotId = g.snapshotId ?? null;
        return g.statut === 'TERMINEE';
      },
      60_000,
    );
    const { page, context } = await connecte(browser, url, reservataire);
    const bailleurNom = demo.bailleurs.find((b) => b.id === bailleurId)!.nom;
    const ligne = page.getByTestId('bilans').locator('tbody tr').filter({ hasText: bailleurNom });
    await ligne.waitFor();
    const [telechargement] = await Promise.all([
      page.waitForEvent('download'),
      ligne.getByRole('button', { name: `XLSX — bilan ${annee} chez ${bailleurNom}` }).click(),
    ]);
    expect(telechargement.suggestedFilename()).toMatch(/\.xlsx$/);
    // Its own part: its convention at this bailleur, no other réservataire's.
    const classeur = new ExcelJS.Workbook();
    await classeur.xlsx.readFile(await telechargement.path());
    const textes: string[] = [];
    classeur.eachSheet((feuille) => feuille.eachRow((row) => row.eachCell((cell) => textes.push(cell.text))));
    const references = (reservataires: (id: string) => boolean) =>
      demo.conventions
        .filter((c) => c.bailleurId === bailleurId && reservataires(c.reservataireId))
        .map((c) => c.reference);
    for (const ref of references((id) => id === reservataireId)) expect(textes).toContain(ref);
    for (const ref of references((id) => id !== reservataireId)) expect(textes).not.toContain(ref);
    await request(url).get(`/api/bilans/${snapshotId}/consolide/xlsx`).set(auth(reservataire)).expect(403);
    await context.close();
  });

  it('shows each bailleur with its conventions and the figures of the progress page, nothing else', async () => {
    const { demo } = monde;
    const { page, context } = await connecte(browser, url, reservataire);
    await page.getByRole('heading', { name: 'Portail réservataire' }).waitFor();
    await page.getByTestId('bailleur').first().waitFor();

    // The figures the bailleur's team reads, as the API gives them to the réservataire.
    const exercices: Array<{ id: string; bailleurId: string; annee: number }> = (
      await request(url).get('/api/exercices').set(auth(reservataire)).expect(200)
    ).body;
    const attendus = new Map<string, string[]>();
    /** Each convention's priority households among its attributions, as the portal writes them. */
    const prioritaires = new Map<string, string>();
    /** Each convention's sub-quotas (the préfet's fonctionnaires), as the portal writes them. */
    const sousQuotas = new Map<string, string[]>();
    /** What each convention's réalisé counts, when it is not the flats proposed. */
    const decomptes = new Map<string, string | null>();
    let realiseOriente = '';
    for (const e of exercices) {
      const p = (await request(url).get(`/api/exercices/${e.id}/progression`).set(auth(reservataire)).expect(200)).body;
      if (p.conventions.length === 0) continue;
      const nom = demo.bailleurs.find((b) => b.id === e.bailleurId)!.nom;
      attendus.set(nom, p.conventions.map((c: { reference: string }) => c.reference).sort());
      for (const c of p.conventions as Array<{
        conventionId: string;
        sousQuotas: Array<{ libelle: string; proposes: number; attendu: number; plafond: number }>;
        progress: { propositions: number; attributions: number; attributionsPrioritaires: number; baux: number };
        decompte: string;
        poidsDecompte: { proposition: number; attribution: number; bail: number } | null;
      }>) {
        decomptes.set(c.conventionId, decompteFr(c));
        sousQuotas.set(
          c.conventionId,
          c.sousQuotas.map(
            (q) =>
              `dont sous-quota ${q.libelle} : ${logementsFr(q.proposes)} (${nombreFr(q.attendu)} attendus à date, plafond de l’année ${nombreFr(q.plafond)})`,
          ),
        );
        const { attributions: m, attributionsPrioritaires: n } = c.progress;
        const pct = String(Math.round((1000 * n) / Math.max(m, 1)) / 10).replace('.', ',');
        prioritaires.set(
          c.conventionId,
          m === 0 ? 'aucune attribution' : `${n} sur ${m} attribution${m >= 2 ? 's' : ''} (${pct} %)`,
        );
      }
      const orientee = p.conventions.find((c: { conventionId: string }) => c.conventionId === conventionOrientee);
      if (orientee)
        realiseOriente = `${orientee.realise} / ${String(Math.round(orientee.objectif * 10) / 10).replace('.', ',')}`;
    }
    // The page says whose portal it is, by name.
    const nomReservataire = demo.reservataires.find((r) => r.id === reservataireId)!.nom;
    expect(await page.getByRole('heading', { name: /^Portail réservataire/ }).innerText()).toBe(
      `Portail réservataire — ${nomReservataire}`,
    );
    // Its headings nest as on every page: the brand alone at level 1, the page's title at 2, its sections at 3.
    expect(await page.getByRole('heading', { level: 1 }).allInnerTexts()).toEqual(['Aiguillage']);
    expect(await page.getByRole('heading', { level: 2 }).allInnerTexts()).toEqual([
      `Portail réservataire — ${nomReservataire}`,
    ]);
    const bailleursVus = await page.getByTestId('bailleur').getByRole('heading', { level: 3 }).allInnerTexts();
    expect(bailleursVus.map((t) => t.split(' — ')[0]).sort()).toEqual([...attendus.keys()].sort());
    // Each exercice says its département by name.
    for (const t of bailleursVus) expect(t).toContain(`${monde.demo.departement.nom} (${monde.demo.departement.code})`);
    for (const [nom, references] of attendus) {
      const section = page.getByTestId('bailleur').filter({ has: page.getByRole('heading', { name: nom }) });
      const lignes = await section.getByTestId('nom-convention').allInnerTexts();
      expect(lignes.map((l) => l.split(' — ')[1]).sort()).toEqual(references);
      // Every row names this réservataire: no other réservataire's convention is shown.
      for (const l of lignes) expect(l.startsWith(`${nomReservataire} — `)).toBe(true);
    }
    expect(prioritaires.get(conventionOrientee)).toBe('1 sur 1 attribution (100 %)');
    // The préfet's fonctionnaires sub-quota under each of its conventions: what the recommendation paces and caps.
    expect([...sousQuotas.values()].flat().length).toBeGreaterThan(0);
    for (const [conventionId, textes] of sousQuotas)
      expect(
        await page.locator(`tr[data-convention="${conventionId}"]`).getByTestId('sous-quota').allInnerTexts(),
      ).toEqual(textes);
    // What the réalisé counts, said under it when it is not the flats proposed (the demo's ALS counts attributions somewhere).
    expect([...decomptes.values()]).toContain('compte les attributions en CAL');
    for (const [conventionId, texte] of decomptes)
      expect(
        await page.locator(`tr[data-convention="${conventionId}"]`).getByTestId('decompte').allInnerTexts(),
      ).toEqual(texte ? [texte] : []);
    for (const [conventionId, texte] of prioritaires)
      expect(await page.locator(`tr[data-convention="${conventionId}"]`).getByTestId('prioritaires').innerText()).toBe(
        texte,
      );
    // The convention that was proposed a flat shows it.
    const ligne = page.locator(`tr[data-convention="${conventionOrientee}"]`);
    expect(await ligne.getByTestId('proposes').innerText()).toBe('1');
    expect(await ligne.getByTestId('realise').innerText()).toContain(realiseOriente);

    // Only the portal in the menu, and the team's pages stay closed.
    expect(await page.getByRole('navigation').getByRole('link').allInnerTexts()).toEqual(['Mes conventions']);
    await page.goto(`${url}/approbations`);
    await page.getByRole('heading', { name: 'Portail réservataire' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Dérogations à approuver' }).count()).toBe(0);
    expect(
      await page.getByRole('navigation').getByRole('link', { name: 'Mes conventions' }).getAttribute('data-active'),
    ).toBe('true');

    expect(await axeGraves(page)).toEqual([]);
    await context.close();
  });

  it('moves live when a flat is proposed to its convention, without reloading the page', async () => {
    const { page, context } = await connecte(browser, url, reservataire);
    const proposes = page.locator(`tr[data-convention="${conventionOrientee}"]`).getByTestId('proposes');
    await proposes.waitFor();
    const avant = Number(await proposes.innerText());
    await page.evaluate(() => ((window as unknown as { pasRecharge: boolean }).pasRecharge = true));
    const annee = monde.demo.exercices[0].annee;
    const aujourdhui = new Date().toISOString().slice(0, 10);
    await proposer(aujourdhui.startsWith(String(annee)) ? aujourdhui : `${annee}-12-30`);
    await page
      .locator(`tr[data-convention="${conventionOrientee}"]`)
      .getByTestId('proposes')
      .filter({ hasText: String(avant + 1) })
      .waitFor();
    expect(await page.evaluate(() => (window as unknown as { pasRecharge?: boolean }).pasRecharge)).toBe(true);
    await context.close();
  });

  it('lists, live, the flats proposed to it still in progress, named, with the délai its candidates are awaited until', async () => {
    const { demo, bailleurId } = monde;
    const charge = await account(monde.app, 'CHARGE', [bailleurId], null, 'Louis Bernard');
    // The flat goes to its convention at once, whatever the engine recommended: no approval asked.
    const manager = await account(monde.app, 'MANAGER', [bailleurId], null, 'Marc Petit');
    await request(url)
      .put(`/api/bailleurs/${bailleurId}/politique-derogation`)
      .set(auth(manager))
      .send({ toujours: false, ecartCible: false, regleSouple: false })
      .expect(200);
    const { page, context } = await connecte(browser, url, reservataire);
    await page.getByRole('heading', { name: /Logements qui vous sont proposés/ }).waitFor();
    const propositionId = await proposer(`${demo.exercices[0].annee}-04-07`);
    const ligne = page.locator(`[data-testid=propositions] tr[data-proposition="${propositionId}"]`);
    await ligne.waitFor();
    const p = (await request(url).get(`/api/propositions/${propositionId}`).set(auth(reservataire)).expect(200)).body;
    const lg = demo.logements.find((l) => l.id === p.logementId)!;
    const texte = await ligne.innerText();
    for (const attendu of [
      `${lg.typologie} ${lg.financement}`,
      demo.communes.find((c) => c.insee === lg.commune)!.nom,
      `RPLS ${lg.rplsId}`,
      demo.bailleurs.find((b) => b.id === bailleurId)!.nom,
      `Convention ${demo.conventions.find((c) => c.id === conventionOrientee)!.reference}`,
    ])
      expect(texte).toContain(attendu);
    const etat = ligne.getByTestId('etat-proposition');
    if (p.delaiExpireAt) {
      const jour = await page.evaluate((iso) => new Date(iso).toLocaleDateString('fr-FR'), p.delaiExpireAt as string);
      expect(await etat.innerText()).toMatch(new RegExp(`^Vos candidats sont attendus\\s+jusqu’au ${jour} à `));
    } else expect(await etat.innerText()).toBe('Le bailleur désigne les candidats (délégation)');
    await capture(page, 'portail-reservataire');
    expect(await axeGraves(page)).toEqual([]);

    // Candidates presented: the row says they await the CAL; attributed, the flat leaves the list.
    const candidatId = await presenter(charge, propositionId, {
      numeroSne: 'SNE-EN-COURS',
      quartile: 2,
      prioritaire: false,
    });
    await etat.filter({ hasText: 'Candidats reçus, en attente de la commission d’attribution' }).waitFor();
    await attribuer(charge, propositionId, candidatId, `${demo.exercices[0].annee}-04-20`);
    await ligne.waitFor({ state: 'detached' });
    await context.close();
  });
});
