/**
 * The access matrix as data: every route of the API with the roles it answers (A ADMIN, M MANAGER,
 * C CHARGE, R RESERVATAIRE) — a role missing gets a 403 « réservé aux rôles » — or `public` (no
 * token). The spec walks every registered route against it and fails on a route without its row.
 */
export const ROUTES: Record<string, string> = {
  'GET /api/health': 'public',
  'POST /api/auth/login': 'public',
  'GET /api/me': 'AMCR',
  'GET /api/users': 'A',
  'POST /api/users': 'A',
  'POST /api/users/:id/deactivate': 'A',
  'POST /api/users/:id/reactivate': 'A',
  'GET /api/bailleurs': 'AMCR',
  'GET /api/bailleurs/:id': 'AMCR',
  'GET /api/programmes': 'AMC',
  'GET /api/logements': 'AMC',
  'GET /api/logements/:id': 'AMC',
  'POST /api/logements': 'AM',
  'PATCH /api/logements/:id': 'AM',
  'GET /api/reservataires': 'AMCR',
  'GET /api/reservataires/:id': 'AMCR',
  'POST /api/reservataires': 'AM',
  'GET /api/conventions': 'AMCR',
  'GET /api/conventions/:id': 'AMCR',
  'GET /api/conventions/:id/versions': 'AMCR',
  'POST /api/conventions': 'AM',
  'PUT /api/conventions/:id': 'AM',
  'GET /api/exercices': 'AMCR',
  'GET /api/exercices/:id': 'AMCR',
  'GET /api/exercices/:id/objectifs': 'AMC',
  'POST /api/exercices/:id/cloture': 'AM',
  'GET /api/exercices/:id/cloture': 'AMC',
  'POST /api/exercices': 'AM',
  'GET /api/exercices/:id/progression': 'AMCR',
  'GET /api/profils-demande': 'AMCR',
  'POST /api/profils-demande/import': 'A',
  // Quartile thresholds of the préfets' arrêtés: public data, read by all; imported by an ADMIN.
  'GET /api/quartiles/seuils': 'AMCR',
  'POST /api/quartiles/seuils/import': 'A',
  'POST /api/conventions/import': 'AM',
  'POST /api/bailleurs/:id/rpls': 'AM',
  'POST /api/bailleurs/:id/liberations/import': 'AMC',
  'GET /api/liberations': 'AMC',
  'GET /api/liberations/:id': 'AMC',
  'POST /api/liberations': 'AMC',
  'POST /api/liberations/lot': 'AMC',
  'GET /api/liberations/:id/recommendation': 'AMC',
  'POST /api/liberations/:id/recommendation': 'AMC',
  'POST /api/orientations': 'AMC',
  'GET /api/overrides': 'AMC',
  'POST /api/overrides/:id/approve': 'AM',
  'POST /api/overrides/:id/reject': 'AM',
  'GET /api/overrides/:id/steps': 'AMC',
  'GET /api/propositions': 'AMCR',
  'GET /api/propositions/:id': 'AMCR',
  'POST /api/propositions/:id/candidats': 'AMCR',
  'POST /api/propositions/:id/cal': 'AMC',
  'POST /api/propositions/:id/refus': 'AMC',
  'POST /api/propositions/:id/bail': 'AMC',
  'GET /api/bailleurs/:id/politique-derogation': 'AMC',
  'PUT /api/bailleurs/:id/politique-derogation': 'AM',
  'POST /api/calculs/assiette': 'AMCR',
  'POST /api/calculs/conversion': 'AMCR',
  'POST /api/propositions/:id/declin': 'AMCR',
  'GET /api/console/liberations': 'AMC',
  'GET /api/console/liberations/:id': 'AMC',
  'GET /api/console/liberations/:id/panneau': 'AMC',
  'GET /api/console/noms': 'AMC',
  'GET /api/console/logements': 'AMC',
  'GET /api/console/derogations': 'AMC',
  'GET /api/bailleurs/:id/slack-canaux': 'AMC',
  'PUT /api/bailleurs/:id/slack-canaux': 'A',
  'PUT /api/users/:id/slack': 'A',
  'DELETE /api/users/:id/slack': 'A',
  // The bilan: every role reaches the use case, which scopes it (a réservataire: its own bilan only).
  'POST /api/bilans': 'AMCR',
  'GET /api/bilans': 'AMCR',
  'GET /api/bilans/generations/:id': 'AMCR',
  'GET /api/bilans/:id': 'AMCR',
  'GET /api/bilans/:id/detail': 'AMCR',
  'GET /api/bilans/:id/reservataires/:reservataireId/:format': 'AMCR',
  'GET /api/bilans/:id/consolide/:format': 'AMCR',
  'POST /api/actualisations': 'AM',
  'GET /api/actualisations/:id': 'AM',
  'PATCH /api/actualisations/:id': 'AM',
  'POST /api/actualisations/:id/valider': 'AM',
  'GET /api/actualisations/:id/lettre.pdf': 'AM',
};

/** Which resource a `:id` names, to read it as its own bailleur (or réservataire) and as another. */
export type Ressource = 'bailleur' | 'logement' | 'convention' | 'exercice';

/**
 * Reads across tenants: `own` answers 200 to a role of the resource's bailleur; `other` (a resource
 * of another bailleur, or for a réservataire another réservataire's convention) never 200.
 */
export const TENANT_READS: Array<{ route: string; ressource: Ressource; roles: string }> = [
  { route: 'GET /api/bailleurs/:id', ressource: 'bailleur', roles: 'AMCR' },
  { route: 'GET /api/bailleurs/:id/politique-derogation', ressource: 'bailleur', roles: 'AMC' },
  { route: 'GET /api/logements/:id', ressource: 'logement', roles: 'AMC' },
  { route: 'GET /api/conventions/:id', ressource: 'convention', roles: 'AMCR' },
  { route: 'GET /api/conventions/:id/versions', ressource: 'convention', roles: 'AMCR' },
  { route: 'GET /api/exercices/:id', ressource: 'exercice', roles: 'AMCR' },
  { route: 'GET /api/exercices/:id/objectifs', ressource: 'exercice', roles: 'AMC' },
  { route: 'GET /api/exercices/:id/cloture', ressource: 'exercice', roles: 'AMC' },
  { route: 'GET /api/exercices/:id/progression', ressource: 'exercice', roles: 'AMCR' },
];

/** The socket rooms each role joins (the replay follows the same scope: see reservataire-scope.spec). */
export const ROOMS: Record<
  'staff' | 'reservataire',
  (ids: { userId: string; bailleurIds: string[]; reservataireId: string | null }) => string[]
> = {
  staff: ({ userId, bailleurIds }) => [`user:${userId}`, ...bailleurIds.map((b) => `bailleur:${b}`)],
  reservataire: ({ userId, bailleurIds, reservataireId }) => [
    `user:${userId}`,
    ...bailleurIds.map((b) => `reservataire:${reservataireId}:bailleur:${b}`),
  ],
};
