/// <reference lib="dom" />
/**
 * The bilans in the console, in real headless Chromium: a MANAGER generates a year's bilan, sees its
 * progress (`bilan.progression`) reach the end, finds it in the list under the bailleur's name and
 * her own name (« Calculé par »), downloads the consolidated XLSX with the session's token, opens
 * the bilan and a figure's flats (their RPLS ids), and proposes next year's exercice with each
 * number explained. axe-core in each page; screenshot docs/screenshots/bilans.png.
 */
process.env.FLOW_DUREE_JOUR_MS = '60000';
process.env.FLOW_POLL_MS = '200';

import { readFileSync } from 'fs';
import type { Browser } from 'playwright-core';
import type { IsolatedDatabase } from '../helpers/app';
import { account, type Account } from '../helpers/app';
import { axeGraves, capture, connecte, startConsoleEnBrowser, type ConsoleEnBrowser } from './console-browser';

jest.setTimeout(180_000);

describe('console: the annual bilans in the browser', () => {
  let monde: ConsoleEnBrowser;
  let db: IsolatedDatabase;
  let url: string;
  let bailleurId: string;
  let browser: Browser;
  let manager: Account;
  let charge: Account;
  let reservataire: Account;

  beforeAll(async () => {
    monde = await startConsoleEnBrowser();
    ({ db, url, bailleurId, browser } = monde);
    manager = await account(monde.app, 'MANAGER', [bailleurId], null, 'Claire Dubois');
    charge = await account(monde.app, 'CHARGE', [bailleurId], null, 'Camille Martin');
    const r = monde.demo.reservataires.find((x) =>
      monde.demo.conventions.some((c) => c.reservataireId === x.id && c.bailleurId === bailleurId),
    )!;
    reservataire = await account(monde.app, 'RESERVATAIRE', [], r.id, 'Paul Girard');
  });

  afterAll(() => monde?.close());

  it('shows « Bilans » to the staff, never to a réservataire', async () => {
    for (const c of [manager, charge]) {
      const { page, context } = await connecte(browser, url, c);
      expect(await page.getByRole('navigation').getByRole('link').allInnerTexts()).toContain('Bilans');
      await context.close();
    }
    const { page, context } = await connecte(browser, url, reservataire);
    await page.goto(`${url}/bilans`);
    await page.getByRole('heading', { name: /^Portail réservataire — / }).waitFor();
    expect(await page.getByRole('heading', { name: 'Bilans annuels', exact: true }).count()).toBe(0);
    await context.close();
  });

  it('generates a bilan with live progress, lists it by name, downloads it, opens a figure on its flats', async () => {
    const [{ annee, departement }] = await db.dataSource.query<Array<{ annee: number; departement: string }>>(
      `SELECT extract(year FROM li.date)::int AS annee, lo.departement, count(*)::int AS n
         FROM liberation li JOIN logement lo ON lo.id = li.logement_id
        WHERE li.bailleur_id = $1 GROUP BY 1, 2 ORDER BY n DESC LIMIT 1`,
      [bailleurId],
    );
    const rpls = (
      await db.dataSource.query<Array<{ rpls: string }>>(
        `SELECT lo.rpls_id AS rpls FROM liberation li JOIN logement lo ON lo.id = li.logement_id
          WHERE li.bailleur_id = $1 AND extract(year FROM li.date) = $2 AND lo.departement = $3`,
        [bailleurId, annee, departement],
      )
    ).map((r) => r.rpls);
    expect(rpls.length).toBeGreaterThan(0);
    const bailleurNom = monde.demo.bailleurs[0].nom;
    const departementNomme = `${monde.demo.departement.nom} (${departement})`;

    const { page, context } = await connecte(browser, url, manager);
    await page.getByRole('navigation').getByRole('link', { name: 'Bilans' }).click();
    await page.getByRole('heading', { name: 'Bilans annuels' }).waitFor();
    await page.getByText("Aucun bilan calculé pour l'instant.").waitFor();
    // The département is offered by name, the bailleur's own preselected.
    expect(await page.getByRole('combobox', { name: 'Département' }).inputValue()).toBe(departementNomme);
    await page.getByLabel('Année').fill(String(annee));
    await page.getByRole('button', { name: 'Générer le bilan' }).click();
    const barre = page.getByRole('progressbar', { name: 'Progression de la génération du bilan' });
    await page
      .getByTestId('generation')
      .getByText(/Terminé.*\(100 %\)/)
      .waitFor({ timeout: 60_000 });
    expect(await barre.getAttribute('aria-valuenow')).toBe('100');

    const ligne = page
      .getByTestId('bilans')
      .getByRole('row')
      .filter({ hasText: `Bilan ${annee}` });
    await ligne.waitFor();
    expect(await ligne.innerText()).toContain(bailleurNom);
    expect(await ligne.innerText()).toContain(departementNomme);
    expect(await ligne.getByRole('cell', { name: 'Claire Dubois', exact: true }).count()).toBe(1);
    expect(await ligne.innerText()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(await axeGraves(page)).toEqual([]);
    await capture(page, 'bilans');

    const [telechargement] = await Promise.all([
      page.waitForEvent('download'),
      ligne.getByRole('button', { name: 'XLSX' }).click(),
    ]);
    expect(telechargement.suggestedFilename()).toMatch(/\.xlsx$/);
    const fichier = readFileSync(await telechargement.path());
    expect(fichier.length).toBeGreaterThan(0);
    expect(fichier.subarray(0, 2).toString('latin1')).toBe('PK'); // an xlsx is a zip

    await ligne.getByRole('link', { name: `Bilan ${annee}` }).click();
    await page.getByRole('heading', { name: `Bilan ${annee} — ${bailleurNom} — ${departementNomme}` }).waitFor();
    expect(await page.getByTestId('conventions').getByRole('row').count()).toBeGreaterThan(1);
    await page.getByRole('button', { name: /Libérations de l'année : .*voir les logements/ }).click();
    const detail = page.getByTestId('detail');
    await detail.getByRole('cell', { name: rpls[0], exact: true }).waitFor();
    expect(await detail.getByRole('row').count()).toBe(rpls.length + 1);
    expect(await axeGraves(page)).toEqual([]);

    // Next year's exercice proposed from this bilan: each number with its explanation, then validated.
    await page.getByRole('button', { name: `Proposer l'exercice ${annee + 1}` }).click();
    await page
      .getByRole('heading', { name: `Exercice ${annee + 1} proposé à partir du bilan ${annee} — ${departementNomme}` })
      .waitFor();
    const objectifs = page.getByTestId('objectifs');
    expect(await objectifs.getByRole('row').count()).toBeGreaterThan(1);
    expect(await page.getByRole('row', { name: /Flux à répartir/ }).innerText()).toMatch(/\d.*\S{10,}/);
    expect(await objectifs.innerText()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(await axeGraves(page)).toEqual([]);
    const exercices = async () =>
      (
        await db.dataSource.query<Array<{ n: number }>>(
          `SELECT count(*)::int AS n FROM exercice WHERE bailleur_id = $1 AND annee = $2`,
          [bailleurId, annee + 1],
        )
      )[0].n;
    expect(await exercices()).toBe(0);
    // A refused objective: the API's French reason next to the field, nothing written.
    const champ = objectifs.getByRole('textbox').first();
    await champ.fill('2.5');
    await page.getByRole('button', { name: `Valider l'exercice ${annee + 1}` }).click();
    await page.getByText('Proposition refusée').waitFor();
    const premiere = objectifs.getByRole('row').nth(1);
    expect(await premiere.innerText()).toContain('doit être un nombre entier');
    expect(await exercices()).toBe(0);
    await champ.fill('3');
    await page.getByRole('button', { name: `Valider l'exercice ${annee + 1}` }).click();
    await page.getByText(`Exercice ${annee + 1} créé`).waitFor();
    expect(await exercices()).toBe(1);
    await context.close();
  });
});
