/**
 * What counts for a convention besides the flats oriented to it, as the live flow counts it (docs/domain.md,
 * « New programmes and mutations »): a new programme's first letting recorded outside the flux counts for
 * no one; a mutation counts for each convention of its territory that counts mutations. On the
 * hand-computed year (test/bilan/fixture/annee-fixture.ts), one line changed at a time.
 */
import { calculerBilan, lignesDeLaFigure, type BilanInput, type Compteurs } from '@aiguillage/core/bilan/compute';
import { fixtureInput, IDS } from './fixture/annee-fixture';

const ligne = (input: BilanInput, n: number) => input.lignes.find((l) => l.liberationId === IDS.liberation(n))!;
const convention = (input: BilanInput, id: string) =>
  calculerBilan(input).conventions.find((c) => c.conventionId === id)!;
const figure = (input: BilanInput, ref: Parameters<typeof lignesDeLaFigure>[1]) =>
  lignesDeLaFigure(input, ref).map((l) => l.logement.rplsId);
/** proposés, attribués, baux, then the legal objectives' CAL attributions. */
const compteurs = (k: Compteurs) => [k.proposes, k.attribues, k.baux, k.attribuesHorsQpv, k.attribuesPrioritaires];

describe('bilan : premières locations hors flux, mutations comptées', () => {
  const base = fixtureInput();
  const c2 = convention(base, IDS.c2);
  const c3 = convention(base, IDS.c3);

  /** L16, a new programme's first letting, proposed to C2 (Action Logement) instead of kept by the bailleur. */
  const neufVersC2 = (horsFlux: boolean): BilanInput => {
    const input = fixtureInput();
    const l = ligne(input, 16);
    l.decision = { ...l.decision!, destination: 'CONVENTION', conventionId: IDS.c2, horsFlux };
    l.proposition = { id: IDS.proposition(16), statut: 'EN_ATTENTE', envoyeeLe: l.date, delaiExpireLe: null };
    return input;
  };

  it('une première location proposée hors flux ne compte pour personne, ni dans le consolidé', () => {
    const input = neufVersC2(true);
    const bilan = calculerBilan(input);
    const apres = bilan.conventions.find((c) => c.conventionId === IDS.c2)!;
    expect(compteurs(apres.compteurs)).toEqual(compteurs(c2.compteurs));
    expect(apres.objectif.decompte).toBe(c2.objectif.decompte);
    expect(bilan.consolide.compteurs.proposes).toBe(calculerBilan(base).consolide.compteurs.proposes);
    expect(figure(input, { perimetre: 'convention', id: IDS.c2, indicateur: 'proposes' })).not.toContain(
      'RPLS-93-0016',
    );
    expect(bilan.flux.premieresLocations).toBe(1);
  });

  it('une première location qu’une convention compte (enregistrée dans le flux) compte pour elle', () => {
    const input = neufVersC2(false);
    const apres = convention(input, IDS.c2);
    expect(apres.compteurs.proposes).toBe(c2.compteurs.proposes + 1);
    expect(figure(input, { perimetre: 'convention', id: IDS.c2, indicateur: 'proposes' })).toContain('RPLS-93-0016');
    // In the flux then, as the engine counts it: the real flux to share grows by one.
    expect(calculerBilan(input).flux.fluxReelARepartir).toBe(calculerBilan(base).flux.fluxReelARepartir + 1);
    expect(calculerBilan(neufVersC2(true)).flux.fluxReelARepartir).toBe(calculerBilan(base).flux.fluxReelARepartir);
  });

  it('une mutation compte pour la convention de son territoire qui compte les mutations : proposée, attribuée, louée', () => {
    // L12, a mutation at Saint-Écluse (commune A, EPCI E1): the territory of C3 (Ville de Saint-Écluse, décompte au
    // bail) and of C4 (Hôpital Avicenne, EPCI E1), which both count mutations here; C1 (the préfet) does not.
    const compteMutations = new Set([IDS.c3, IDS.c4]);
    const input = {
      ...fixtureInput(),
      conventions: fixtureInput().conventions.map((c) => ({ ...c, compteMutations: compteMutations.has(c.id) })),
    };
    const bilan = calculerBilan(input);
    const apres = bilan.conventions.find((c) => c.conventionId === IDS.c3)!;
    const [proposes, attribues, baux, horsQpv, prioritaires] = compteurs(c3.compteurs);
    // The legal objectives weigh CAL attributions only: a mutation has none.
    expect(compteurs(apres.compteurs)).toEqual([proposes + 1, attribues + 1, baux + 1, horsQpv, prioritaires]);
    expect(apres.objectif.decompte).toBe(c3.objectif.decompte + 1);
    for (const indicateur of ['proposes', 'attribues', 'baux'] as const)
      expect(figure(input, { perimetre: 'convention', id: IDS.c3, indicateur })).toContain('RPLS-93-0012');
    expect(figure(input, { perimetre: 'reservataire', id: IDS.commune, indicateur: 'baux' })).toContain('RPLS-93-0012');
    // Each opted-in convention covering the flat counts it; not one that did not opt in, nor the bailleur's consolidated.
    expect(figure(input, { perimetre: 'convention', id: IDS.c4, indicateur: 'proposes' })).toContain('RPLS-93-0012');
    expect(figure(input, { perimetre: 'convention', id: IDS.c1, indicateur: 'proposes' })).not.toContain(
      'RPLS-93-0012',
    );
    expect(bilan.consolide.compteurs.proposes).toBe(calculerBilan(base).consolide.compteurs.proposes);
    // Without the opt-in, nothing changes.
    expect(compteurs(convention(fixtureInput(), IDS.c3).compteurs)).toEqual(compteurs(c3.compteurs));
  });
});
