import { createTestApi, count, type TestApi } from './api-test-app';

let api: TestApi;
let allBailleurs: string[];
let managerBailleur: string;
let otherBailleur: string;
let alsId: string;

beforeAll(async () => {
  api = await createTestApi();
  allBailleurs = (await api.db.query('SELECT id FROM bailleur ORDER BY id')).map((r: { id: string }) => r.id);
  const me = (await api.http.get('/api/me').set(await api.auth('MANAGER'))).body;
  managerBailleur = me.bailleurIds[0];
  otherBailleur = allBailleurs.find((id) => id !== managerBailleur)!;
  alsId = (await api.http.get('/api/me').set(await api.auth('RESERVATAIRE'))).body.reservataireId;
}, 120_000);
afterAll(() => api?.close());

describe('lists are filtered to the caller’s bailleurs', () => {
  it('an ADMIN of the demo sees every bailleur, a MANAGER only its own', async () => {
    expect(allBailleurs.length).toBeGreaterThan(1);
    const admin = await api.http.get('/api/bailleurs').set(await api.auth('ADMIN'));
    expect(admin.body.map((b: { id: string }) => b.id).sort()).toEqual(allBailleurs);
    const manager = await api.http.get('/api/bailleurs').set(await api.auth('MANAGER'));
    expect(manager.body.map((b: { id: string }) => b.id)).toEqual([managerBailleur]);
  });

  it('flats, conventions and libérations of other bailleurs never show up', async () => {
    const headers = await api.auth('CHARGE');
    const logements = await api.http.get('/api/logements?limit=1000').set(headers);
    expect(logements.status).toBe(200);
    const [{ n }] = await api.db.query('SELECT count(*)::int AS n FROM logement WHERE bailleur_id = $1', [
      managerBailleur,
    ]);
    expect(logements.body.total).toBe(n);
    expect(new Set(logements.body.items.map((l: { bailleurId: string }) => l.bailleurId))).toEqual(
      new Set([managerBailleur]),
    );
    const conventions = await api.http.get('/api/conventions').set(headers);
    expect(conventions.body.length).toBeGreaterThan(0);
    expect(conventions.body.every((c: { bailleurId: string }) => c.bailleurId === managerBailleur)).toBe(true);
    const liberations = await api.http.get('/api/liberations?limit=1000').set(headers);
    expect(liberations.body.items.every((l: { bailleurId: string }) => l.bailleurId === managerBailleur)).toBe(true);
  });
});

describe('403 for a bailleur outside the perimeter', () => {
  it('refuses reading or filtering on another bailleur', async () => {
    const headers = await api.auth('MANAGER');
    for (const url of [
      `/api/bailleurs/${otherBailleur}`,
      `/api/logements?bailleurId=${otherBailleur}`,
      `/api/conventions?bailleurId=${otherBailleur}`,
    ]) {
      const response = await api.http.get(url).set(headers);
      expect(response.status).toBe(403);
      expect(response.body.message).toBe("Accès refusé : ce bailleur n'est pas dans votre périmètre");
    }
  });

  it('does not find another bailleur’s flat or convention by id', async () => {
    const [logement] = await api.db.query('SELECT id FROM logement WHERE bailleur_id = $1 LIMIT 1', [otherBailleur]);
    expect((await api.http.get(`/api/logements/${logement.id}`).set(await api.auth('MANAGER'))).status).toBe(404);
    const [convention] = await api.db.query('SELECT id FROM convention WHERE bailleur_id = $1 LIMIT 1', [
      otherBailleur,
    ]);
    expect((await api.http.get(`/api/conventions/${convention.id}`).set(await api.auth('MANAGER'))).status).toBe(404);
  });

  it('refuses writing for another bailleur, and writes nothing', async () => {
    const before = await count(api.db, 'logement');
    const response = await api.http
      .post('/api/logements')
      .set(await api.auth('MANAGER'))
      .send({
        rplsId: 'X-403',
        bailleurId: otherBailleur,
        commune: '69123',
        departement: '69',
        qpv: false,
        typologie: 'T2',
        financement: 'PLUS',
      });
    expect(response.status).toBe(403);
    expect(await count(api.db, 'logement')).toBe(before);
  });
});

describe('403 outside the role', () => {
  it.each([
    ['CHARGE', 'post', '/api/logements'],
    ['CHARGE', 'post', '/api/conventions'],
    ['CHARGE', 'post', '/api/users'],
    ['MANAGER', 'get', '/api/users'],
    ['RESERVATAIRE', 'get', '/api/logements'],
    ['RESERVATAIRE', 'get', '/api/liberations'],
    ['RESERVATAIRE', 'get', '/api/exercices/00000000-0000-0000-0000-000000000000/objectifs'],
    ['RESERVATAIRE', 'post', '/api/conventions'],
    ['RESERVATAIRE', 'post', '/api/reservataires'],
    ['RESERVATAIRE', 'post', '/api/conventions/import'],
  ] as const)('%s %s %s → 403', async (role, method, url) => {
    const response = await api.http[method](url)
      .set(await api.auth(role))
      .send({});
    expect(response.status).toBe(403);
    expect(response.body.message).toMatch(/^Accès refusé : réservé aux rôles /);
  });
});

describe('a RESERVATAIRE reads its own conventions only', () => {
  it('lists exactly the conventions of its réservataire, across its bailleurs', async () => {
    const headers = await api.auth('RESERVATAIRE');
    const response = await api.http.get('/api/conventions').set(headers);
    expect(response.status).toBe(200);
    const [{ n }] = await api.db.query('SELECT count(*)::int AS n FROM convention WHERE reservataire_id = $1', [alsId]);
    expect(n).toBeGreaterThan(0);
    expect(response.body).toHaveLength(n);
    expect(response.body.every((c: { reservataireId: string }) => c.reservataireId === alsId)).toBe(true);
  });

  it('gets 403 on another réservataire’s convention or filter', async () => {
    const headers = await api.auth('RESERVATAIRE');
    const [other] = await api.db.query(
      'SELECT id, reservataire_id FROM convention WHERE reservataire_id <> $1 LIMIT 1',
      [alsId],
    );
    expect((await api.http.get(`/api/conventions/${other.id}`).set(headers)).status).toBe(403);
    expect((await api.http.get(`/api/conventions?reservataireId=${other.reservataire_id}`).set(headers)).status).toBe(
      403,
    );
    expect((await api.http.get(`/api/reservataires/${other.reservataire_id}`).set(headers)).status).toBe(403);
    const own = await api.http.get('/api/reservataires').set(headers);
    expect(own.body.map((r: { id: string }) => r.id)).toEqual([alsId]);
  });

  it('sees only its own demand profile', async () => {
    const response = await api.http.get('/api/profils-demande?annee=2026').set(await api.auth('RESERVATAIRE'));
    expect(response.status).toBe(200);
    expect(response.body.length).toBeGreaterThan(0);
    expect(response.body.every((p: { reservataireId: string }) => p.reservataireId === alsId)).toBe(true);
  });
});

describe('users (ADMIN)', () => {
  it('creates an account within its bailleurs, which can then log in, and not beyond', async () => {
    const admin = await api.auth('ADMIN');
    const created = await api.http
      .post('/api/users')
      .set(admin)
      .send({
        email: 'Nouvelle.Chargee@Bailleur.fr',
        nom: 'Nouvelle',
        password: 'mot-de-passe-solide',
        role: 'CHARGE',
        bailleurIds: [managerBailleur],
      });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      email: 'nouvelle.chargee@bailleur.fr',
      role: 'CHARGE',
      bailleurIds: [managerBailleur],
    });
    expect(created.body.passwordHash).toBeUndefined();
    const login = await api.http
      .post('/api/auth/login')
      .send({ email: 'nouvelle.chargee@bailleur.fr', password: 'mot-de-passe-solide' });
    expect(login.status).toBe(200);
    const duplicate = await api.http.post('/api/users').set(admin).send({
      email: 'nouvelle.chargee@bailleur.fr',
      nom: 'Bis',
      password: 'mot-de-passe-solide',
      role: 'CHARGE',
      bailleurIds: [],
    });
    expect(duplicate.status).toBe(409);
    const noReservataire = await api.http
      .post('/api/users')
      .set(admin)
      .send({ email: 'r@x.fr', nom: 'R', password: 'mot-de-passe-solide', role: 'RESERVATAIRE', bailleurIds: [] });
    expect(noReservataire.status).toBe(400);
    expect(noReservataire.body.erreurs).toEqual([
      { champ: 'reservataireId', raison: 'est obligatoire pour le rôle RESERVATAIRE' },
    ]);
    const before = await count(api.db, 'app_user');
    const beyond = await api.http
      .post('/api/users')
      .set(admin)
      .send({
        email: 'hors@x.fr',
        nom: 'Hors',
        password: 'mot-de-passe-solide',
        role: 'CHARGE',
        bailleurIds: ['00000000-0000-4000-8000-000000000000'],
      });
    expect(beyond.status).toBe(403);
    expect(await count(api.db, 'app_user')).toBe(before);
  });
});
