import { createTestApi, count, raisons, type TestApi } from './api-test-app';

let api: TestApi;

beforeAll(async () => (api = await createTestApi()), 120_000);
afterAll(() => api?.close());

const logement = () => ({
  rplsId: 'TEST-0001',
  bailleurId: api.bailleurId,
  commune: '69123',
  departement: '69',
  qpv: true,
  qpvCode: 'QN06901M',
  typologie: 'T3',
  financement: 'PLUS',
  anneeConstruction: 1972,
  loyerCentimes: 41237,
  surfaceM2: 64.5,
});

/** A GET refused with a 400: the French errors of its answer. */
async function erreursDuGet(path: string, headers: { Authorization: string }) {
  const response = await api.http.get(path).set(headers);
  expect(response.status).toBe(400);
  return response.body.erreurs;
}

describe('logements', () => {
  it('creates, reads, filters and updates a flat', async () => {
    const headers = await api.auth('MANAGER');
    const created = await api.http.post('/api/logements').set(headers).send(logement());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...logement(), id: expect.any(String) });
    const read = await api.http.get(`/api/logements/${created.body.id}`).set(await api.auth('CHARGE'));
    expect(read.body).toEqual(created.body);
    const filtered = await api.http.get('/api/logements?commune=69123&qpv=true&typologie=T3&limit=1000').set(headers);
    expect(filtered.body.items.map((l: { id: string }) => l.id)).toContain(created.body.id);
    expect(
      filtered.body.items.every(
        (l: { commune: string; qpv: boolean; typologie: string }) =>
          l.commune === '69123' && l.qpv && l.typologie === 'T3',
      ),
    ).toBe(true);
    const updated = await api.http
      .patch(`/api/logements/${created.body.id}`)
      .set(headers)
      .send({ qpv: false, loyerCentimes: 39900 });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ qpv: false, qpvCode: null, loyerCentimes: 39900, rplsId: 'TEST-0001' });
    const duplicate = await api.http.post('/api/logements').set(headers).send(logement());
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.message).toBe("Un logement existe déjà avec l'identifiant RPLS TEST-0001");
  });

  it('paginates', async () => {
    const headers = await api.auth('CHARGE');
    const first = await api.http.get('/api/logements?limit=5&offset=0').set(headers);
    const second = await api.http.get('/api/logements?limit=5&offset=5').set(headers);
    expect(first.body.items).toHaveLength(5);
    expect(second.body.total).toBe(first.body.total);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
  });

  it('refuses bad input with each field and its French reason, and writes nothing', async () => {
    const before = await count(api.db, 'logement');
    const response = await api.http
      .post('/api/logements')
      .set(await api.auth('MANAGER'))
      .send({
        ...logement(),
        rplsId: 'TEST-BAD',
        typologie: 'T9',
        commune: '6912',
        loyerCentimes: 12.5,
        qpv: 'oui',
        couleur: 'bleu',
      });
    expect(response.status).toBe(400);
    expect(response.body.statusCode).toBe(400);
    expect(response.body.message).toBe('Requête invalide');
    expect(raisons(response.body)).toMatchObject({
      typologie: "doit être l'une des valeurs : T1, T2, T3, T4, T5, T6",
      commune: 'doit être un code INSEE de commune (5 caractères)',
      loyerCentimes: 'doit être un nombre entier',
      qpv: 'doit valoir true ou false',
      couleur: "n'est pas un champ autorisé",
    });
    expect(response.body.erreurs).toHaveLength(5);
    expect(await count(api.db, 'logement')).toBe(before);
  });

  it('refuses bad query parameters and ids in French', async () => {
    const headers = await api.auth('CHARGE');
    const query = await api.http.get('/api/logements?limit=0&qpv=peut-etre').set(headers);
    expect(query.status).toBe(400);
    expect(raisons(query.body)).toMatchObject({
      limit: 'doit être supérieur ou égal à 1',
      qpv: 'doit valoir true ou false',
    });
    expect(await erreursDuGet('/api/logements?limit=1001', headers)).toEqual([
      { champ: 'limit', raison: 'doit être inférieur ou égal à 1000' },
    ]);
    expect(await erreursDuGet('/api/logements/pas-un-uuid', headers)).toEqual([
      { champ: 'id', raison: 'doit être un identifiant UUID' },
    ]);
  });
});

describe('conventions', () => {
  it('round-trips a convention through PUT, and creates a new one', async () => {
    const headers = await api.auth('MANAGER');
    const [convention] = (await api.http.get('/api/conventions').set(headers)).body;
    const { id, ...body } = convention;
    const replaced = await api.http
      .put(`/api/conventions/${id}`)
      .set(headers)
      .send({ ...body, deficitReporte: 3 });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toEqual({ ...convention, deficitReporte: 3 });
    // A second convention of the same réservataire in the département records why (one per département otherwise).
    const created = await api.http
      .post('/api/conventions')
      .set(headers)
      .send({
        ...body,
        reference: `${body.reference}-BIS`,
        motifTerritoire: 'Territorialisation infra-départementale documentée',
      });
    expect(created.status).toBe(201);
    expect(created.body.id).not.toBe(id);
    expect((await api.http.get(`/api/conventions/${created.body.id}`).set(headers)).body.reference).toBe(
      `${body.reference}-BIS`,
    );
  });

  it('refuses nested and cross-field errors in French, and writes nothing', async () => {
    const headers = await api.auth('MANAGER');
    const [convention] = (await api.http.get('/api/conventions').set(headers)).body;
    const { id, ...body } = convention;
    const before = await api.db.query('SELECT * FROM convention ORDER BY id');
    const nested = await api.http
      .put(`/api/conventions/${id}`)
      .set(headers)
      .send({
        ...body,
        cible: { type: 'TAUX', taux: 1.5 },
        delegation: { ...body.delegation, mode: 'AUTRE' },
        dateDebut: '2026-13-01',
      });
    expect(nested.status).toBe(400);
    expect(raisons(nested.body)).toMatchObject({
      'cible.taux': 'doit être inférieur ou égal à 1',
      'delegation.mode': "doit être l'une des valeurs : DIRECTE, DELEGUEE, PARTIELLE",
      dateDebut: 'doit être une date au format AAAA-MM-JJ',
    });
    const crossField = await api.http
      .put(`/api/conventions/${id}`)
      .set(headers)
      .send({
        ...body,
        decompte: { mode: 'MIXTE', poids: { proposition: 0.5, attribution: 0.2, bail: 0.2 } },
        dateFin: '2000-01-01',
      });
    expect(crossField.status).toBe(400);
    expect(raisons(crossField.body)).toMatchObject({
      'decompte.poids': 'la somme des poids doit valoir 1 (reçu 0.9)',
      dateFin: `doit être postérieure ou égale au début (${body.dateDebut})`,
    });
    const missing = await api.http.post('/api/conventions').set(headers).send({ bailleurId: body.bailleurId });
    expect(missing.status).toBe(400);
    expect(missing.body.erreurs.map((e: { champ: string }) => e.champ)).toEqual(
      expect.arrayContaining(['cible', 'reservataireId', 'dateDebut']),
    );
    expect(await api.db.query('SELECT * FROM convention ORDER BY id')).toEqual(before);
  });
});

describe('exercices', () => {
  it('reads the exercice and its objectives per convention', async () => {
    const headers = await api.auth('CHARGE');
    const [exercice] = (await api.http.get('/api/exercices?annee=2026').set(headers)).body;
    expect(exercice.bailleurId).toBe(api.bailleurId);
    const objectifs = await api.http.get(`/api/exercices/${exercice.id}/objectifs`).set(headers);
    expect(objectifs.status).toBe(200);
    expect(objectifs.body).toHaveLength(exercice.objectifs.length);
    expect(objectifs.body[0]).toEqual({
      conventionId: expect.any(String),
      reference: expect.any(String),
      reservataireId: expect.any(String),
      objectif: expect.any(Number),
    });
  });

  it('refuses a seasonality that does not sum to 1 and a convention of another bailleur', async () => {
    const headers = await api.auth('MANAGER');
    const [exercice] = (await api.http.get('/api/exercices').set(headers)).body;
    const { id: _id, ...body } = exercice;
    const [foreign] = await api.db.query('SELECT id FROM convention WHERE bailleur_id <> $1 LIMIT 1', [api.bailleurId]);
    const before = await api.db.query('SELECT * FROM exercice_objectif ORDER BY convention_id');
    const objectifs = [...body.objectifs, { conventionId: foreign.id, objectif: 2 }];
    // The command is refused before the use case reads the database: the sum first, then the foreign convention.
    const somme = await api.http
      .post('/api/exercices')
      .set(headers)
      .send({ ...body, saisonnalite: Array(12).fill(0.1), objectifs });
    expect(somme.status).toBe(400);
    expect(somme.body.erreurs).toEqual([
      { champ: 'saisonnalite', raison: 'la somme des 12 parts doit valoir 1 (reçu 1.2)' },
    ]);
    const etrangere = await api.http
      .post('/api/exercices')
      .set(headers)
      .send({ ...body, objectifs });
    expect(etrangere.status).toBe(400);
    expect(etrangere.body.erreurs).toEqual([
      { champ: `objectifs.${body.objectifs.length}.conventionId`, raison: "n'est pas une convention de ce bailleur" },
    ]);
    expect(await api.db.query('SELECT * FROM exercice_objectif ORDER BY convention_id')).toEqual(before);
    const saved = await api.http.post('/api/exercices').set(headers).send(body);
    expect(saved.status).toBe(201);
    expect(saved.body).toEqual(exercice);
  });
});

describe('libérations', () => {
  it('lists the year’s freed flats by period and reads one', async () => {
    const headers = await api.auth('CHARGE');
    const summer = await api.http.get('/api/liberations?from=2026-07-01&to=2026-08-31&limit=1000').set(headers);
    expect(summer.status).toBe(200);
    const [{ n }] = await api.db.query(
      "SELECT count(*)::int AS n FROM liberation WHERE bailleur_id = $1 AND date BETWEEN '2026-07-01' AND '2026-08-31'",
      [api.bailleurId],
    );
    expect(n).toBeGreaterThan(0);
    expect(summer.body.total).toBe(n);
    expect(summer.body.items.every((l: { date: string }) => l.date >= '2026-07-01' && l.date <= '2026-08-31')).toBe(
      true,
    );
    const one = await api.http.get(`/api/liberations/${summer.body.items[0].id}`).set(headers);
    expect(one.body).toEqual(summer.body.items[0]);
    expect(await erreursDuGet('/api/liberations?from=01/07/2026', headers)).toEqual([
      { champ: 'from', raison: 'doit être une date au format AAAA-MM-JJ' },
    ]);
  });
});

describe('imports', () => {
  it('imports an RPLS CSV body, idempotently, and refuses an unknown layout with nothing written', async () => {
    const headers = await api.auth('MANAGER');
    const csv = [
      'DEPCOM;RS_LOGEMENT;NBPIECE;QPV;CODEQPV;FINAN;CONSTRUCT;ETAGE;SURFHAB;LOYERPRINC',
      '69123;RPLS-API-1;3;1;QN06901M;13;1972;4;64,5;412,37',
      '69123;RPLS-API-2;2;0;;12;1985;1;45;310',
    ].join('\n');
    const rpls = (body: string) =>
      api.http.post(`/api/bailleurs/${api.bailleurId}/rpls`).set(headers).set('Content-Type', 'text/csv').send(body);
    const first = await rpls(csv);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ lignes: 2, erreurs: [] });
    expect(first.body.importees).toBe(2);
    const again = await rpls(csv);
    expect(again.body).toMatchObject({ inserees: 0, misesAJour: 0 });
    const before = await count(api.db, 'logement');
    const unknown = await rpls('a;b;c\n1;2;3\n');
    expect(unknown.status).toBe(400);
    expect(await count(api.db, 'logement')).toBe(before);
    const json = await api.http.post(`/api/bailleurs/${api.bailleurId}/rpls`).set(headers).send([{}]);
    expect(json.status).toBe(400);
    expect(json.body.erreurs[0].champ).toBe('Content-Type');
  });

  it('refuses a conventions file with errors as a whole', async () => {
    const headers = await api.auth('MANAGER');
    const before = await count(api.db, 'convention');
    const response = await api.http
      .post(`/api/conventions/import?bailleurId=${api.bailleurId}`)
      .set(headers)
      .send([{ reference: 'IMP-1', reservataire: 'INCONNU', departement: '69' }]);
    expect(response.status).toBe(400);
    expect(response.body.erreurs.length).toBeGreaterThan(0);
    expect(await count(api.db, 'convention')).toBe(before);
    const noBailleur = await api.http.post('/api/conventions/import').set(headers).send([]);
    expect(noBailleur.status).toBe(400);
    expect(noBailleur.body.erreurs).toEqual([{ champ: 'bailleurId', raison: 'doit être un identifiant UUID' }]);
  });
});
