/**
 * Issue 9 through the API, on the demo département: the décret's caps where conventions are made,
 * the live objectives of an exercice without typed objectives (territory flux, validity), one
 * vacancy counted once, and the demo's figures coherent (Σ objectives ≤ flux, caps held).
 */
import {
  verifierPlafonds,
  verifierTerritoires,
  type Convention,
  type Exercice,
  type Reservataire,
} from '@aiguillage/engine';
import { createTestApi, count, type TestApi } from '../api/api-test-app';

jest.setTimeout(60_000);
let api: TestApi;

beforeAll(async () => (api = await createTestApi()), 120_000);
afterAll(() => api?.close(), 60_000);

async function conventionsEtReservataires(
  role: 'ADMIN' | 'MANAGER' = 'MANAGER',
): Promise<{ conventions: Convention[]; reservataires: Reservataire[] }> {
  const headers = await api.auth(role);
  return {
    conventions: (await api.http.get('/api/conventions').set(headers)).body,
    reservataires: (await api.http.get('/api/reservataires').set(headers)).body,
  };
}

describe('plafonds du décret à la création d’une convention (constat 5)', () => {
  it('un préfet à 45 % dont 12 % de fonctionnaires : 400 en français, convention, règle et chiffres nommés, rien d’écrit', async () => {
    const headers = await api.auth('MANAGER');
    const { conventions, reservataires } = await conventionsEtReservataires();
    const etat = reservataires.find((r) => r.kind === 'ETAT')!;
    const modele = conventions.find((c) => c.reservataireId === etat.id && c.bailleurId === api.bailleurId)!;
    const { id: _id, ...body } = modele;
    const before = await count(api.db, 'convention');
    const response = await api.http
      .post('/api/conventions')
      .set(headers)
      .send({
        ...body,
        reference: 'PREF-TROP',
        cible: { type: 'TAUX', taux: 0.45 },
        sousQuotas: [{ code: 'FONCTIONNAIRES', libelle: "Agents de l'État", taux: 0.12 }],
      });
    expect(response.status).toBe(400);
    const raisons = response.body.erreurs.map((e: { raison: string }) => e.raison).join('\n');
    expect(raisons).toMatch(/convention PREF-TROP .*au plus de 30 % du flux.*45 % demandés/);
    expect(raisons).toMatch(/au plus de 5 % du flux.*12 % demandés/);
    expect(await count(api.db, 'convention')).toBe(before);
  });

  it('à l’import aussi : le fichier est refusé entier, la convention et les chiffres nommés', async () => {
    const headers = await api.auth('MANAGER');
    const { reservataires } = await conventionsEtReservataires();
    const etat = reservataires.find((r) => r.kind === 'ETAT')!;
    const before = await count(api.db, 'convention');
    const response = await api.http
      .post(`/api/conventions/import?bailleurId=${api.bailleurId}`)
      .set(headers)
      .send([
        {
          reference: 'PREF-IMPORT',
          reservataire: etat.code,
          departement: etat.territoire.departement,
          cible: { type: 'TAUX', taux: 0.45 },
          delegation: { mode: 'DELEGUEE' },
          contrepartie: 'AUTRE',
          motifTerritoire: 'Test : seul le plafond doit être en cause',
          dateDebut: '2026-01-01',
        },
      ]);
    expect(response.status).toBe(400);
    expect(response.body.erreurs).toEqual(
      expect.arrayContaining([
        {
          champ: 'ligne 1, taux',
          raison: expect.stringMatching(/PREF-IMPORT .*au plus de 30 % du flux.*45 % demandés/),
        },
      ]),
    );
    expect(await count(api.db, 'convention')).toBe(before);
  });

  it('une modification qui porte les engagements d’une commune au-delà du flux est refusée', async () => {
    const headers = await api.auth('MANAGER');
    const { conventions, reservataires } = await conventionsEtReservataires();
    const als = reservataires.find((r) => r.kind === 'ALS')!;
    const convention = conventions.find((c) => c.reservataireId === als.id && c.bailleurId === api.bailleurId)!;
    const { id, ...body } = convention;
    const response = await api.http
      .put(`/api/conventions/${id}`)
      .set(headers)
      .send({ ...body, cible: { type: 'TAUX', taux: 0.95 } });
    expect(response.status).toBe(400);
    expect(response.body.erreurs[0].raison).toMatch(
      new RegExp(`${convention.reference}.*dépassent les disponibilités annuelles`),
    );
    expect((await api.http.get(`/api/conventions/${id}`).set(headers)).body.cible).toEqual(convention.cible);
  });
});

describe('une convention par territoire (constat 6)', () => {
  it('une commune qui porte le territoire d’une autre, un doublon : 400 sauf motif enregistré', async () => {
    const headers = await api.auth('MANAGER');
    const { conventions, reservataires } = await conventionsEtReservataires();
    const communes = reservataires.filter((r) => r.kind === 'COMMUNE');
    const convention = conventions.find(
      (c) => c.bailleurId === api.bailleurId && communes.some((r) => r.id === c.reservataireId),
    )!;
    const autre = communes.find((r) => r.id !== convention.reservataireId)!;
    const { id, ...body } = convention;
    const territoire = { departement: convention.departement, communes: [...(autre.territoire.communes ?? [])] };
    const before = await count(api.db, 'convention');
    const refus = await api.http
      .put(`/api/conventions/${id}`)
      .set(headers)
      .send({ ...body, territoire });
    expect(refus.status).toBe(400);
    expect(refus.body.erreurs.map((e: { raison: string }) => e.raison).join('\n')).toMatch(
      new RegExp(`${convention.reference} .*ne s'appliquent que sur son territoire`),
    );
    const doublon = await api.http
      .post('/api/conventions')
      .set(headers)
      .send({ ...body, reference: `${convention.reference}-2` });
    expect(doublon.status).toBe(400);
    expect(doublon.body.erreurs[0].raison).toMatch(new RegExp(`a déjà la convention ${convention.reference}`));
    expect(await count(api.db, 'convention')).toBe(before);
  });
});

describe('la démo reste cohérente', () => {
  it('chaque convention dans les plafonds, Σ des objectifs d’un exercice ≤ son flux', async () => {
    const headers = await api.auth('ADMIN');
    const { conventions, reservataires } = await conventionsEtReservataires('ADMIN');
    expect(verifierPlafonds(conventions, conventions, { reservataires })).toEqual([]);
    expect(verifierTerritoires(conventions, conventions, { reservataires })).toEqual([]);
    const exercices: Exercice[] = (await api.http.get('/api/exercices').set(headers)).body;
    expect(exercices.length).toBeGreaterThan(0);
    for (const e of exercices) {
      const horsDefense = e.objectifs.filter(
        (o) =>
          reservataires.find((r) => r.id === conventions.find((c) => c.id === o.conventionId)?.reservataireId)?.kind !==
          'DEFENSE',
      );
      const base = horsDefense.reduce(
        (a, o) => a + o.objectif - Math.max(0, conventions.find((c) => c.id === o.conventionId)!.deficitReporte),
        0,
      );
      expect(base).toBeLessThanOrEqual(e.fluxARepartir);
    }
  });
});

describe('objectifs calculés d’un exercice sans objectifs saisis (constats 1 et 2)', () => {
  it('une convention de commune reçoit son taux du flux de sa commune ; Σ ≤ flux', async () => {
    const headers = await api.auth('MANAGER');
    const [exercice]: Exercice[] = (
      await api.http.get(`/api/exercices?annee=2026&bailleurId=${api.bailleurId}`).set(headers)
    ).body;
    const { id: _id, ...body } = exercice;
    const saved = await api.http
      .post('/api/exercices')
      .set(headers)
      .send({ ...body, annee: 2027, objectifs: [] });
    expect(saved.status).toBe(201);
    const progression = await api.http.get(`/api/exercices/${saved.body.id}/progression?date=2027-01-15`).set(headers);
    expect(progression.status).toBe(200);
    const { conventions, reservataires } = await conventionsEtReservataires();
    const kindOf = (conventionId: string) =>
      reservataires.find((r) => r.id === conventions.find((c) => c.id === conventionId)!.reservataireId)!.kind;
    const lignes: Array<{ conventionId: string; objectif: number }> = progression.body.conventions;
    const communes = lignes.filter((l) => kindOf(l.conventionId) === 'COMMUNE');
    expect(communes.length).toBeGreaterThan(0);
    for (const l of communes) {
      const c = conventions.find((x) => x.id === l.conventionId)!;
      const taux = c.cible.type === 'TAUX' ? c.cible.taux : 0;
      // Before: taux × the whole département's flux. Now a commune's share of it.
      expect(l.objectif).toBeLessThan(taux * exercice.fluxARepartir * 0.5);
    }
    const base = lignes.filter((l) => kindOf(l.conventionId) !== 'DEFENSE').reduce((a, l) => a + l.objectif, 0);
    expect(base).toBeLessThanOrEqual(
      exercice.fluxARepartir + conventions.reduce((a, c) => a + Math.max(0, c.deficitReporte), 0),
    );
    // A convention that ended in 2026 is not in the 2027 exercice; one ending mid-2027 would be prorated (engine spec).
    expect(
      lignes.every((l) => {
        const c = conventions.find((x) => x.id === l.conventionId)!;
        return !c.dateFin || c.dateFin >= '2027-01-01';
      }),
    ).toBe(true);
  });
});

describe('une vacance comptée une fois (constat 7)', () => {
  it('un logement libéré à nouveau tant que sa libération est ouverte : 409 en français, rien d’écrit', async () => {
    const headers = await api.auth('CHARGE');
    const [flat] = await api.db.query(
      `SELECT id, rpls_id AS "rplsId" FROM logement WHERE bailleur_id = $1 AND NOT stock_defense AND hors_assiette IS NULL
         AND id NOT IN (SELECT logement_id FROM liberation) ORDER BY rpls_id LIMIT 1`,
      [api.bailleurId],
    );
    const first = await api.http
      .post('/api/liberations')
      .set(headers)
      .send({ logementId: flat.id, date: '2026-10-01', motif: 'CONGE' });
    expect(first.status).toBe(201);
    const before = await count(api.db, 'liberation');
    const again = await api.http
      .post('/api/liberations')
      .set(headers)
      .send({ logementId: flat.id, date: '2026-10-20', motif: 'CONGE' });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(new RegExp(`logement ${flat.rplsId} .*libération ouverte du 01/10/2026`));
    expect(await count(api.db, 'liberation')).toBe(before);
    // The same declaration again stays idempotent.
    const same = await api.http
      .post('/api/liberations')
      .set(headers)
      .send({ logementId: flat.id, date: '2026-10-01', motif: 'CONGE' });
    expect(same.status).toBe(200);
  });
});
