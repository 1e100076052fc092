/// <reference lib="dom" />
/**
 * The attribution console in real headless Chromium (Debian's, driven by playwright-core) against
 * the API on the real PostgreSQL: the live queue (libérations appear, decided flats leave with who
 * decided), accept (click and keyboard only) and the convention's progress, an override waiting
 * for a manager's approval seen live in a second context, two chargés deciding the same flat, and
 * the « Décisions » page. axe-core in each page; screenshots. A lost connection: console-connexion.
 */
process.env.FLOW_DUREE_JOUR_MS = '60000';
process.env.FLOW_POLL_MS = '200';

import type { INestApplication } from '@nestjs/common';
import type { DemoDepartement } from '@aiguillage/demo';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import {
  axeGraves,
  capture,
  connecte,
  declarant,
  ligneDeLaFile as ligne,
  startConsoleEnBrowser,
  type ConsoleEnBrowser,
  type Declaree,
} from './console-browser';
import { account, auth, waitUntil, type Account } from '../helpers/app';

jest.setTimeout(180_000);

describe('console: the live queue and the decisions in the browser', () => {
  let monde: ConsoleEnBrowser;
  let app: INestApplication;
  let url: string;
  let demo: DemoDepartement;
  let bailleurId: string;
  let browser: Browser;
  let charge: Account;
  let charge2: Account;
  let manager: Account;
  let declarerSuivante: () => Promise<Declaree>;

  /** Declares flats through the API until one is recommended to a convention (what moves a convention's progress). */
  const declarer = async (versConvention = true): Promise<Declaree & { conventionId: string | null }> => {
    for (let i = 0; i < 40; i++) {
      const declaree = await declarerSuivante();
      const reco = declaree.body.recommendation.recommandee;
      if (!versConvention || reco?.kind === 'CONVENTION')
        return { ...declaree, conventionId: reco?.conventionId ?? null };
      if (reco)
        await request(url)
          .post('/api/orientations')
          .set(auth(charge))
          .send({ liberationId: declaree.liberationId })
          .expect(201);
    }
    throw new Error('aucune recommandation vers une convention');
  };
  const proposes = (page: Page, conventionId: string) =>
    page.locator(`[data-testid=avancement] tr[data-convention="${conventionId}"] [data-testid=proposes]`).innerText();
  const politique = (toujours: boolean) =>
    request(url)
      .put(`/api/bailleurs/${bailleurId}/politique-derogation`)
      .set(auth(manager))
      .send({ toujours, ecartCible: false, regleSouple: false })
      .expect(200);

  beforeAll(async () => {
    monde = await startConsoleEnBrowser();
    ({ app, url, demo, bailleurId, browser } = monde);
    charge = await account(app, 'CHARGE', [bailleurId], null, 'Camille Martin');
    charge2 = await account(app, 'CHARGE', [bailleurId], null, 'Louis Bernard');
    manager = await account(app, 'MANAGER', [bailleurId], null, 'Claire Dubois');
    declarerSuivante = declarant(monde, charge);
  });

  afterAll(() => monde?.close());

  it('a libération POSTed appears in the open queue, in words, with the recommended réservataire by name', async () => {
    const { page, context } = await connecte(browser, url, charge);
    await page.getByRole('heading', { name: /À orienter/ }).waitFor();
    const lib = await declarer();
    const row = ligne(page, lib.liberationId);
    await row.waitFor();
    const texte = await row.innerText();
    const flat = demo.logements.find((l) => l.rplsId === lib.rplsId)!;
    const convention = demo.conventions.find((c) => c.id === lib.conventionId)!;
    const reservataire = demo.reservataires.find((r) => r.id === convention.reservataireId)!;
    const commune = demo.communes.find((c) => c.insee === flat.commune)!;
    expect(texte).toContain(lib.rplsId);
    expect(texte).toContain(commune.nom);
    expect(texte).toContain(flat.typologie);
    expect(texte).toContain(reservataire.nom);
    expect(texte).toContain(convention.reference);
    expect(texte).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    for (const autre of [await declarer(false), await declarer(false)]) await ligne(page, autre.liberationId).waitFor();
    await capture(page, 'a-orienter');
    expect(await axeGraves(page)).toEqual([]);
    await context.close();
  });

  it('a libération declared while the page’s live connection is still opening is in the queue once it opens (read again on connection)', async () => {
    const { page, context } = await connecte(browser, url, charge);
    let ouvrir!: () => void;
    const ouverture = new Promise<void>((resolve) => (ouvrir = resolve));
    // The next socket of this context is held until the libération is declared.
    await context.routeWebSocket(/\/socket\.io\//, async (ws) => {
      await ouverture;
      ws.connectToServer();
    });
    await page.reload();
    await page.getByTestId('total').waitFor();
    const lib = await declarer(false);
    expect(await ligne(page, lib.liberationId).count()).toBe(0);
    ouvrir();
    await ligne(page, lib.liberationId).waitFor();
    await context.close();
  });

  it('accept in one click: the row leaves every open queue with who decided, and the convention’s progress moves', async () => {
    const watcher = await connecte(browser, url, charge2);
    const decider = await connecte(browser, url, charge);
    const lib = await declarer();
    await ligne(watcher.page, lib.liberationId).waitFor();
    await watcher.page.locator(`[data-testid=avancement] tr[data-convention="${lib.conventionId}"]`).waitFor();
    const avant = Number(await proposes(watcher.page, lib.conventionId!));

    await decider.page.goto(`${url}/liberations/${lib.liberationId}`);
    await decider.page.getByTestId('accepter').waitFor();
    // The runner-up's card says in one line why it came second, naming both.
    const second = decider.page.getByTestId('pourquoi-second');
    expect(await second.count()).toBe(1);
    expect(await second.innerText()).toMatch(/^.+ vient en second : .+/);
    await capture(decider.page, 'decision');
    expect(await axeGraves(decider.page)).toEqual([]);
    await decider.page.getByTestId('accepter').click();
    await decider.page.getByTestId('resultat').waitFor();
    expect(await decider.page.getByTestId('decide').innerText()).toContain('Camille Martin');

    await ligne(watcher.page, lib.liberationId).waitFor({ state: 'detached' });
    await watcher.page.getByTestId('avis').getByText(`Logement ${lib.rplsId}`).waitFor();
    expect(await watcher.page.getByTestId('avis').innerText()).toContain('par Camille Martin');
    await watcher.page.waitForFunction(
      ([id, n]) =>
        Number(
          document.querySelector(`[data-testid=avancement] tr[data-convention="${id}"] [data-testid=proposes]`)
            ?.textContent,
        ) === n,
      [lib.conventionId, avant + 1] as const,
    );
    // The row shows the progress page's figures at today's date: the event, computed at the (older) libération's
    // date, made the page read them again rather than show another day's figures.
    const exercices = await request(url).get('/api/exercices').set(auth(charge)).expect(200);
    const exercice = exercices.body.find((e: { bailleurId: string }) => e.bailleurId === bailleurId);
    const progression = await request(url)
      .get(`/api/exercices/${exercice.id}/progression`)
      .set(auth(charge))
      .expect(200);
    expect(progression.body.date).not.toBe(lib.body.liberation.date);
    const row = progression.body.conventions.find((c: { conventionId: string }) => c.conventionId === lib.conventionId);
    const cellule = (testid: string) =>
      watcher.page
        .locator(`[data-testid=avancement] tr[data-convention="${lib.conventionId}"] [data-testid=${testid}]`)
        .innerText();
    const fr = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }); // the console's nombreFr
    expect(await cellule('realise')).toContain(`${fr.format(row.realise)} / ${fr.format(row.objectif)}`);
    expect(await cellule('ecart')).toMatch(
      new RegExp(`^en (retard|avance) de ${fr.format(Math.abs(row.ecart))} logement`),
    );
    await watcher.context.close();
    await decider.context.close();
  });

  it('keyboard only: from the queue to the decision panel and accept with one key', async () => {
    const { page, context } = await connecte(browser, url, charge);
    const lib = await declarer();
    await ligne(page, lib.liberationId).waitFor();
    // Tab until the row's « Décider » link has the focus (said plainly if it never does), then Enter.
    let focused: string | null = null;
    for (let i = 0; i < 200 && focused !== lib.liberationId; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(
        () => document.activeElement?.closest('tr')?.getAttribute('data-liberation') ?? null,
      );
    }
    expect(focused).toBe(lib.liberationId);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/liberations/${lib.liberationId}`);
    await page.getByTestId('accepter').waitFor();
    await page.keyboard.press('a');
    await page.getByTestId('resultat').waitFor();
    const decision = await request(url)
      .get(`/api/console/liberations/${lib.liberationId}`)
      .set(auth(charge))
      .expect(200);
    expect(decision.body.statut).toBe('DECIDEE');
    expect(decision.body.decision.par).toBe('Camille Martin');
    await context.close();
  });

  it('an override needing approval: said beforehand, refused without its comment, then live on the manager’s page, approved, decided on the chargé’s page', async () => {
    await politique(true);
    const chargé = await connecte(browser, url, charge);
    const responsable = await connecte(browser, url, manager);
    await responsable.page.goto(`${url}/approbations`);
    await responsable.page.getByRole('heading', { name: /Dérogations à approuver/ }).waitFor();
    const lib = await declarer();
    const page = chargé.page;
    await page.goto(`${url}/liberations/${lib.liberationId}`);
    await page.getByTestId('accepter').waitFor();
    // Keyboard only: D opens the form, its first field has the focus.
    await page.keyboard.press('d');
    const form = page.getByTestId('formulaire-derogation');
    await form.waitFor();
    expect(await form.getByTestId('approbation-requise').innerText()).toContain(
      "Approbation d'un responsable nécessaire",
    );
    const destination = await form
      .getByLabel('Destination')
      .evaluate((s: HTMLSelectElement) => s.options[s.selectedIndex].text);
    await form.getByLabel('Motif').selectOption('AUTRE');
    await form.getByRole('button', { name: 'Envoyer la dérogation' }).click();
    // The API's French reason next to the field, nothing written.
    await form.getByText('obligatoire avec le motif AUTRE').waitFor();
    const erreurChamp = await form.getByLabel('Commentaire').getAttribute('aria-describedby');
    expect(erreurChamp).toBeTruthy();
    expect(
      await page
        .locator(
          erreurChamp!
            .split(' ')
            .map((id) => `[id="${id}"]`)
            .join(','),
        )
        .allInnerTexts(),
    ).toContain('obligatoire avec le motif AUTRE');
    expect((await request(url).get(`/api/console/liberations/${lib.liberationId}`).set(auth(charge))).body.statut).toBe(
      'A_ORIENTER',
    );
    await capture(page, 'derogation');
    expect(await axeGraves(page)).toEqual([]);

    await form.getByLabel('Commentaire').fill('Ménage en situation d’urgence signalé par le CCAS');
    await form.getByLabel('Commentaire').press('Tab');
    await page.keyboard.press('Enter');
    await page.getByTestId('en-attente').waitFor();

    const demande = responsable.page.locator(`[data-testid=demande][data-liberation="${lib.liberationId}"]`);
    await demande.waitFor();
    const texte = await demande.innerText();
    expect(texte).toContain(destination.split(',')[0]);
    expect(texte).toContain('Camille Martin');
    expect(texte).toContain('Ménage en situation d’urgence');
    expect(texte).toContain('toute dérogation');
    await capture(responsable.page, 'approbations');
    expect(await axeGraves(responsable.page)).toEqual([]);
    await demande.getByTestId('approuver').click();
    await demande.waitFor({ state: 'detached' });

    const decide = page.getByTestId('decide');
    await decide.waitFor();
    expect(await decide.innerText()).toContain('(dérogation)');
    await politique(false);
    await chargé.context.close();
    await responsable.context.close();
  });

  it('two chargés deciding the same flat: one wins, the other is told who decided', async () => {
    const a = await connecte(browser, url, charge);
    const b = await connecte(browser, url, charge2);
    const lib = await declarer();
    for (const p of [a.page, b.page]) {
      await p.goto(`${url}/liberations/${lib.liberationId}`);
      await p.getByTestId('accepter').waitFor();
    }
    // Both click at once; the slower page may already have lost its button to the winner's live decision
    // (never a stale button), so a click that finds no button is not an error here.
    await Promise.all(
      [a.page, b.page].map((p) =>
        p
          .getByTestId('accepter')
          .click({ timeout: 5_000 })
          .catch(() => undefined),
      ),
    );
    // The clicks return once dispatched: wait until the winner's decision is recorded.
    let gagnant = '';
    await waitUntil('la décision du gagnant enregistrée', async () => {
      const lu = await request(url).get(`/api/console/liberations/${lib.liberationId}`).set(auth(charge)).expect(200);
      gagnant = (lu.body.decision as { par: string } | null)?.par ?? '';
      return gagnant !== '';
    });
    expect(['Camille Martin', 'Louis Bernard']).toContain(gagnant);
    const [winner, loser] = gagnant === 'Camille Martin' ? [a.page, b.page] : [b.page, a.page];
    await winner.getByTestId('resultat').waitFor();
    // The loser never keeps a stale button: a conflict naming the winner, or the decision pushed live naming them.
    await loser.getByTestId('decide').waitFor();
    expect(await loser.getByTestId('accepter').count()).toBe(0);
    const dit =
      (await loser.getByTestId('decide').innerText()) +
      ((await loser.getByTestId('conflit').count()) ? await loser.getByTestId('conflit').innerText() : '');
    expect(dit).toContain(gagnant);
    expect(await loser.getByTestId('resultat').count()).toBe(0);
    await a.context.close();
    await b.context.close();
  });

  it('« Décisions »: the chargé sees his override wait, then live among the decided with what it overrode, beside a followed recommendation', async () => {
    await politique(true);
    const { page, context } = await connecte(browser, url, charge);
    await page.goto(`${url}/decisions`);
    await page.getByRole('heading', { name: 'Décidés' }).waitFor();
    const lib = await declarer();
    const panneau = (await request(url).get(`/api/console/liberations/${lib.liberationId}/panneau`).set(auth(charge)))
      .body;
    const [reco] = panneau.options;
    const alternative = panneau.options.find((o: any) => o.eligible && !o.recommandee);
    const demande = await request(url)
      .post('/api/orientations')
      .set(auth(charge))
      .send({ liberationId: lib.liberationId, destination: alternative.destination.destination, motif: 'URGENCE' })
      .expect(202);
    const attente = page.locator(`[data-testid=decisions-en-attente] tr[data-liberation="${lib.liberationId}"]`);
    await attente.waitFor();
    // One cell each: the flat, recommended, requested and its motif, requester; a destination reads as its label.
    const enLigne = (t: string) => t.replace(/\s*\n+\s*Convention /, ' — convention ');
    const cellules = (await attente.locator('td').allInnerTexts()).map(enLigne);
    expect(cellules[0]).toContain(lib.rplsId);
    expect(cellules[1]).toContain(reco.destination.libelle);
    expect(cellules[2]).toContain(alternative.destination.libelle);
    expect(cellules[2]).toContain('Motif : Urgence');
    expect(cellules[3]).toContain('Camille Martin');
    await request(url)
      .post(`/api/overrides/${demande.body.overrideRequestId}/approve`)
      .set(auth(manager))
      .send({ commentaire: 'Vu' })
      .expect(201);
    const decidee = page.locator(`[data-testid=decidees] tr[data-liberation="${lib.liberationId}"]`);
    await decidee.waitFor();
    await attente.waitFor({ state: 'detached' });
    const [, vers, nature, par] = await decidee.locator('td').allInnerTexts();
    expect(enLigne(vers)).toContain(alternative.destination.libelle);
    expect(nature).toMatch(/^Dérogation — Urgence\s+Demandée par Camille Martin\s+Recommandé : /);
    expect(nature).toContain(reco.destination.libelle);
    expect(par).toContain('Claire Dubois');

    const suivie = await declarer();
    await request(url)
      .post('/api/orientations')
      .set(auth(charge2))
      .send({ liberationId: suivie.liberationId })
      .expect(201);
    const ligneSuivie = page.locator(`[data-testid=decidees] tr[data-liberation="${suivie.liberationId}"]`);
    await ligneSuivie.waitFor();
    expect(await ligneSuivie.innerText()).toMatch(/Recommandation suivie[^]*Louis Bernard/);
    await capture(page, 'decisions');
    expect(await axeGraves(page)).toEqual([]);
    // The managers' view of the overrides: the followed recommendation leaves, the override stays.
    await page.getByLabel('Dérogations seulement').check();
    await ligneSuivie.waitFor({ state: 'detached' });
    await decidee.waitFor();
    await politique(false);
    await context.close();
  });
});
