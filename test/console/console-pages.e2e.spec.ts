/// <reference lib="dom" />
/**
 * The attribution console in real headless Chromium: login per role (the pages follow the role,
 * a réservataire never sees a staff page), the session surviving a reload, logout; declaring a
 * libération with a flat found by commune or RPLS id, the API's French reasons next to the fields
 * with nothing written; the libérations file upload with its line errors as a table; 768 px.
 * axe-core in each page; screenshots under docs/screenshots.
 */
process.env.FLOW_DUREE_JOUR_MS = '60000';
process.env.FLOW_POLL_MS = '200';

import type { INestApplication } from '@nestjs/common';
import { logementsLiberables, type DemoDepartement } from '@aiguillage/demo';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import type { IsolatedDatabase } from '../helpers/app';
import { axeGraves, capture, connecte, startConsoleEnBrowser, type ConsoleEnBrowser } from './console-browser';
import { account, type Account } from '../helpers/app';

jest.setTimeout(180_000);

describe('console: roles, session, declaring and importing in the browser', () => {
  let monde: ConsoleEnBrowser;
  let db: IsolatedDatabase;
  let app: INestApplication;
  let url: string;
  let demo: DemoDepartement;
  let bailleurId: string;
  let browser: Browser;
  const comptes: Record<string, Account> = {};

  const menu = (page: Page) => page.getByRole('navigation').getByRole('link').allInnerTexts();
  const liberationsDe = async (logementId: string) =>
    Number(
      (await db.dataSource.query(`SELECT count(*)::int AS n FROM liberation WHERE logement_id = $1`, [logementId]))[0]
        .n,
    );

  beforeAll(async () => {
    monde = await startConsoleEnBrowser();
    ({ db, app, url, demo, bailleurId, browser } = monde);
    comptes.ADMIN = await account(app, 'ADMIN', [bailleurId], null, 'Agnès Leroy');
    comptes.MANAGER = await account(app, 'MANAGER', [bailleurId], null, 'Claire Dubois');
    comptes.CHARGE = await account(app, 'CHARGE', [bailleurId], null, 'Camille Martin');
    const reservataire = demo.reservataires.find((r) =>
      demo.conventions.some((c) => c.reservataireId === r.id && c.bailleurId === bailleurId),
    )!;
    comptes.RESERVATAIRE = await account(app, 'RESERVATAIRE', [], reservataire.id, 'Paul Girard');
  });

  afterAll(() => monde?.close());

  it('refuses wrong credentials in French, on an accessible login page', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(url);
    await capture(page, 'connexion');
    expect(await axeGraves(page)).toEqual([]);
    await page.getByLabel('Adresse e-mail').fill(comptes.CHARGE.email);
    await page.getByLabel('Mot de passe').fill('pas-le-bon');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    expect(await page.getByTestId('erreur-connexion').innerText()).toContain('Identifiants invalides');
    expect(await page.getByTestId('utilisateur').count()).toBe(0);
    await context.close();
  });

  it('shows each role its pages; the session survives a reload; logout ends it', async () => {
    const attendus: Record<string, string[]> = {
      ADMIN: ['À orienter', 'Approbations', 'Décisions', 'Préparation CAL', 'Déclarer une libération', 'Bilans'],
      MANAGER: ['À orienter', 'Approbations', 'Décisions', 'Préparation CAL', 'Déclarer une libération', 'Bilans'],
      CHARGE: ['À orienter', 'Décisions', 'Préparation CAL', 'Déclarer une libération', 'Bilans'],
    };
    for (const [role, liens] of Object.entries(attendus)) {
      const { page, context } = await connecte(browser, url, comptes[role]);
      expect(await menu(page)).toEqual(liens);
      expect(await page.getByTestId('utilisateur').innerText()).toContain(comptes[role].nom);
      await page.goto(`${url}/approbations`);
      const approbations = page.getByRole('heading', { name: /Dérogations à approuver/ });
      if (role === 'CHARGE') {
        await page.getByRole('heading', { name: /À orienter/ }).waitFor();
        expect(await approbations.count()).toBe(0);
      } else await approbations.waitFor();
      await page.reload();
      await page.getByTestId('utilisateur').waitFor();
      expect(await page.getByTestId('utilisateur').innerText()).toContain(comptes[role].nom);
      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await page.getByRole('button', { name: 'Se connecter' }).waitFor();
      await page.reload();
      await page.getByRole('button', { name: 'Se connecter' }).waitFor();
      expect(await page.getByTestId('utilisateur').count()).toBe(0);
      await context.close();
    }
  });

  it('never shows a staff page to a réservataire', async () => {
    const { page, context } = await connecte(browser, url, comptes.RESERVATAIRE);
    for (const path of ['/', '/approbations', '/declarer']) {
      await page.goto(`${url}${path}`);
      await page.getByRole('heading', { name: /^Portail réservataire — / }).waitFor();
      expect(await menu(page)).toEqual(['Mes conventions']);
      expect(await page.getByRole('heading', { name: /À orienter|Dérogations|Déclarer/ }).count()).toBe(0);
    }
    expect(await axeGraves(page)).toEqual([]);
    await context.close();
  });

  it('declares a libération for a flat found by commune name, then by RPLS id; a refused form writes nothing', async () => {
    const { page, context } = await connecte(browser, url, comptes.CHARGE);
    await page.getByRole('link', { name: 'Déclarer une libération' }).click();
    const [flat, flat2] = logementsLiberables(demo, bailleurId);
    const commune = demo.communes.find((c) => c.insee === flat.commune)!;
    // By RPLS id: the exact flat is chosen.
    await page.getByLabel(/identifiant RPLS/).fill(flat.rplsId);
    await page
      .getByTestId('logements-trouves')
      .getByRole('radio', { name: new RegExp(flat.rplsId) })
      .waitFor();
    expect(
      await page
        .getByTestId('logements-trouves')
        .getByRole('radio', { name: new RegExp(flat.rplsId) })
        .isChecked(),
    ).toBe(true);
    // Bad date: the API's French reason next to the field, nothing written.
    await page.getByLabel(/Date de libération/).fill('');
    await page.getByRole('button', { name: 'Déclarer', exact: true }).click();
    await page.getByText('doit être une date au format AAAA-MM-JJ').waitFor();
    expect(await liberationsDe(flat.id)).toBe(0);
    await page.getByLabel(/Date de libération/).fill('15/06/2026');
    await page.getByRole('button', { name: 'Déclarer', exact: true }).click();
    await page.getByTestId('declaree').getByText('Libération déclarée').waitFor();
    expect(await liberationsDe(flat.id)).toBe(1);
    expect(
      (await db.dataSource.query(`SELECT date::text AS date FROM liberation WHERE logement_id = $1`, [flat.id]))[0]
        .date,
    ).toBe('2026-06-15');

    // By commune name: the flats of the commune, one picked.
    await page.getByLabel(/identifiant RPLS/).fill(commune.nom);
    const trouves = page.getByTestId('logements-trouves');
    await trouves.getByRole('radio').first().waitFor();
    expect(await trouves.innerText()).toContain(commune.nom);
    const choix = trouves.getByRole('radio').nth(1);
    const libelle = await choix.evaluate((el) => el.closest('.mantine-Radio-root')?.textContent ?? '');
    await choix.check();
    await page.getByRole('button', { name: 'Déclarer', exact: true }).click();
    await page.getByTestId('declaree').getByText(libelle.split(' — ')[0]).waitFor();
    await capture(page, 'declarer');
    expect(await axeGraves(page)).toEqual([]);
    expect(flat2).toBeDefined();
    await context.close();
  });

  it('uploads a libérations file: counts, then the refused lines in a table with their French reasons', async () => {
    const { page, context } = await connecte(browser, url, comptes.CHARGE);
    await page.goto(`${url}/declarer`);
    const flats = logementsLiberables(demo, bailleurId).slice(10, 12);
    const csv = [
      'Identifiant RPLS;Date libération;Motif',
      `${flats[0].rplsId};01/07/2026;CONGE`,
      `${flats[1].rplsId};2026-07-02;MUTATION_SORTANTE`,
      '999999999;2026-07-03;CONGE',
      `${flats[0].rplsId};31/02/2026;CONGE`,
      `${flats[1].rplsId};2026-07-05;VACANCES`,
    ].join('\n');
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'liberations.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByRole('button', { name: 'Importer' }).click();
    const resultat = page.getByTestId('resultat-import');
    await resultat.waitFor();
    expect(await resultat.innerText()).toContain('2 libérations créées');
    const lignes = page.getByTestId('erreurs-import').locator('tbody tr');
    expect(await lignes.count()).toBe(3);
    const textes = await lignes.allInnerTexts();
    expect(textes.map((t) => t.split('\t')[0].trim())).toEqual(['4', '5', '6']);
    const reponse = await request(url)
      .get(`/api/liberations?logementId=${flats[0].id}`)
      .set({ Authorization: `Bearer ${comptes.CHARGE.token}` })
      .expect(200);
    expect(reponse.body.total).toBe(1);
    await capture(page, 'import');
    expect(await axeGraves(page)).toEqual([]);
    await context.close();
  });

  it('works on a tablet (768 px): no horizontal scroll of the page', async () => {
    const { page, context } = await connecte(browser, url, comptes.MANAGER, { width: 768, height: 1024 });
    await page.getByRole('heading', { name: /À orienter/ }).waitFor();
    await page.getByTestId('avancement').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    await capture(page, 'a-orienter-tablette');
    expect(await axeGraves(page)).toEqual([]);
    await context.close();
  });
});
