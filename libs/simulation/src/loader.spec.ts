import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario, parseScenario, ScenarioError } from './loader';
import { SCENARIO_SCHEMA } from './scenario.schema';
import { tinyScenario } from './testing/tiny-scenario';

function errorsOf(document: unknown): Array<{ path: string; message: string }> {
  try {
    parseScenario(document);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as ScenarioError).errors;
  }
  throw new Error('le scénario aurait dû être refusé');
}

const mutate = (f: (s: any) => void) => {
  const s = JSON.parse(JSON.stringify(tinyScenario(6)));
  f(s);
  return s;
};

describe('scenario loader', () => {
  it('accepts a valid scenario and returns it', () => {
    const s = tinyScenario(6);
    expect(parseScenario(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });

  it('names the field and the reason, in French, for schema errors', () => {
    expect(errorsOf(mutate((s) => delete s.seed))).toContainEqual({
      path: 'seed',
      message: 'champ obligatoire manquant',
    });
    expect(errorsOf(mutate((s) => (s.logements[2].typologie = 'T9')))).toEqual([
      {
        path: 'logements[2].typologie',
        message: expect.stringMatching(/^valeur "T9" invalide, attendu l'une de : "T1"/),
      },
    ]);
    expect(errorsOf(mutate((s) => (s.logements[0].qpv = 'oui')))).toEqual([
      { path: 'logements[0].qpv', message: 'doit être un booléen (reçu : string)' },
    ]);
    expect(errorsOf(mutate((s) => (s.conventions[1].cible.taux = 1.5)))).toEqual([
      { path: 'conventions[1].cible.taux', message: 'doit être ≤ 1 (reçu : 1.5)' },
    ]);
    expect(errorsOf(mutate((s) => (s.conventions[0].couleur = 'bleu')))).toEqual([
      { path: 'conventions[0].couleur', message: 'champ inconnu' },
    ]);
    expect(errorsOf(mutate((s) => (s.liberations[0].date = '01/02/2026')))).toEqual([
      { path: 'liberations[0].date', message: 'format invalide (reçu : "01/02/2026")' },
    ]);
    expect(errorsOf(mutate((s) => s.exercices[0].saisonnalite.pop()))).toEqual([
      { path: 'exercices[0].saisonnalite', message: 'doit contenir au moins 12 éléments (reçu : 11)' },
    ]);
  });

  it('reports the closest variant of a target (TAUX or DROITS_UNIQUES)', () => {
    expect(errorsOf(mutate((s) => (s.conventions[0].cible = { type: 'DROITS_UNIQUES', nombre: 10 })))).toEqual([
      { path: 'conventions[0].cible.annees', message: 'champ obligatoire manquant' },
    ]);
  });

  it('checks what a schema cannot: references, duplicates, sums, calendar', () => {
    expect(errorsOf(mutate((s) => (s.liberations[1].logementId = 'NOPE')))).toEqual([
      { path: 'liberations[1].logementId', message: 'logement inconnu : NOPE' },
    ]);
    expect(errorsOf(mutate((s) => (s.conventions[2].reservataireId = 'X')))).toEqual([
      { path: 'conventions[2].reservataireId', message: 'réservataire inconnu : X' },
    ]);
    expect(errorsOf(mutate((s) => (s.logements[1].id = s.logements[0].id))).map((e) => e.path)).toContain(
      'logements[1]',
    );
    expect(errorsOf(mutate((s) => (s.exercices[0].saisonnalite[0] = 0.5)))).toEqual([
      { path: 'exercices[0].saisonnalite', message: expect.stringContaining('la somme des 12 mois doit valoir 1') },
    ]);
    expect(errorsOf(mutate((s) => (s.liberations[0].date = '2026-02-30')))).toEqual([
      { path: 'liberations[0].date', message: 'date inexistante : 2026-02-30' },
    ]);
    expect(errorsOf(mutate((s) => (s.liberations[0].date = '2025-12-30')))).toEqual([
      { path: 'liberations[0].date', message: "hors de l'exercice 2026 : 2025-12-30" },
    ]);
    expect(errorsOf(mutate((s) => (s.conventions[0].decompte = { mode: 'MIXTE' })))).toEqual([
      { path: 'conventions[0].decompte.poids', message: 'obligatoire en décompte MIXTE' },
    ]);
  });

  it("refuses conventions beyond the décret's caps, as the API and the import do (issue 9, finding 5)", () => {
    const etat = errorsOf(
      mutate((s) => {
        s.conventions[0].cible.taux = 0.45;
        s.conventions[0].sousQuotas = [{ code: 'FONCTIONNAIRES', libelle: 'Agents de l’État', taux: 0.12 }];
      }),
    );
    expect(etat).toContainEqual({
      path: 'conventions[0].cible.taux',
      message: expect.stringMatching(
        /^convention CONV-C-ETAT \(Préfet\) : le contingent préfectoral est au plus de 30 % du flux.*45 % demandés/,
      ),
    });
    expect(etat).toContainEqual({
      path: 'conventions[0].sousQuotas',
      message: expect.stringMatching(/la part des agents de l'État est au plus de 5 % du flux.*12 % demandés/),
    });
    const garantie = errorsOf(
      mutate((s) =>
        Object.assign(s.conventions[2], { cible: { type: 'TAUX', taux: 0.25 }, contrepartie: 'GARANTIE_EMPRUNT' }),
      ),
    );
    expect(garantie).toEqual([
      {
        path: 'conventions[2].cible.taux',
        message: expect.stringMatching(
          /CONV-C-COMA \(Commune A\) : les réservations en contrepartie d'une garantie d'emprunt sont au plus de 20 %/,
        ),
      },
    ]);
    expect(
      parseScenario(
        mutate((s) =>
          Object.assign(s.conventions[2], { cible: { type: 'TAUX', taux: 0.25 }, contrepartie: 'FONCIER' }),
        ),
      ),
    ).toBeDefined();
    const engagements = errorsOf(mutate((s) => (s.conventions[1].cible.taux = 0.65)));
    expect(engagements.map((e) => e.message).join('\n')).toMatch(
      /dans la commune A, les engagements pris \(105 %.*dépassent les disponibilités annuelles/,
    );
    const doublon = errorsOf(
      mutate((s) =>
        s.conventions.push({
          ...s.conventions[1],
          id: 'C-ALS-2',
          reference: 'CONV-C-ALS-2',
          cible: { type: 'TAUX', taux: 0.05 },
        }),
      ),
    );
    expect(doublon).toContainEqual({
      path: 'conventions[3].territoire',
      message: expect.stringMatching(/a déjà la convention CONV-C-ALS/),
    });
  });

  it('says which file could not be read or parsed', () => {
    expect(() => loadScenario('/nonexistent/scenario.json')).toThrow(
      /Scénario invalide \(\/nonexistent\/scenario.json\) :\n {2}- \(fichier\) : lecture impossible/,
    );
  });

  it('publishes exactly the schema the loader applies (docs/scenario.schema.json)', () => {
    const published = JSON.parse(readFileSync(join(__dirname, '../../../docs/scenario.schema.json'), 'utf8'));
    expect(published).toEqual(JSON.parse(JSON.stringify(SCENARIO_SCHEMA)));
    expect(published.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });
});
