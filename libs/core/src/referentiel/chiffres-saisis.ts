import { calculerAssiette, objectifsAnnuels, prevoirOffre, type Convention, type Exercice } from '@aiguillage/engine';
import {
  ConventionRepository,
  ConventionVersionRepository,
  LogementRepository,
  ReservataireRepository,
  type Db,
  type ExerciceInput,
} from '@aiguillage/persistence';
import type { ErreurChamp } from '../platform/validation/french-messages';

/**
 * Typed figures checked against the computed ones (issue 9, finding 4): the flux to share typed on
 * an exercice against the one its assiette gives (`calculerAssiette`), each typed convention
 * objective against the one the engine computes (`objectifsAnnuels`: rate × its territory's flux,
 * prorated to its validity, plus the carried deficit due). A typed figure that differs needs a
 * recorded reason; it is shown beside the computed one. DEFENSE conventions (rights en stock on
 * identified flats, outside the flux) have no computed objective and are not listed.
 */
export interface ChiffreSaisi {
  /** The field of the exercice: `fluxARepartir` or `objectifs.<i>.objectif`. */
  champ: string;
  /** In French: "flux à répartir", "objectif de la convention <référence> (<réservataire>)". */
  libelle: string;
  conventionId?: string;
  reference?: string;
  saisi: number;
  calcule: number;
  /** Whether the typed figure differs from the computed one (by one flat or more). */
  ecart: boolean;
  motif: string | null;
}

export type ExerciceDetaille = Exercice & { chiffresSaisis: ChiffreSaisi[] };

const nombre = (x: number) => x.toLocaleString('fr-FR', { maximumFractionDigits: 1 });
/** A typed whole number differs from a computed (possibly fractional) one when they are a flat or more apart. */
const differe = (saisi: number, calcule: number) => Math.abs(saisi - calcule) >= 1 - 1e-9;

type Exo = Pick<
  ExerciceInput,
  'bailleurId' | 'departement' | 'annee' | 'assiette' | 'fluxARepartir' | 'fluxARepartirMotif' | 'objectifs'
>;

/** The typed figures of an exercice beside the computed ones (every typed objective listed, in input order). */
export async function chiffresSaisis(db: Db, exercice: Exo): Promise<ChiffreSaisi[]> {
  const fluxCalcule = calculerAssiette(exercice.assiette).fluxARepartir;
  const out: ChiffreSaisi[] = [
    {
      champ: 'fluxARepartir',
      libelle: 'flux à répartir',
      saisi: exercice.fluxARepartir,
      calcule: fluxCalcule,
      ecart: differe(exercice.fluxARepartir, fluxCalcule),
      motif: exercice.fluxARepartirMotif?.trim() || null,
    },
  ];
  if (exercice.objectifs.length === 0) return out;
  const scope = [exercice.bailleurId];
  const [conventions, reservataires, logements] = await Promise.all([
    new ConventionRepository(db).findConventions({ bailleurIds: scope, departement: exercice.departement }),
    new ReservataireRepository(db).findReservataires({ bailleurIds: scope }),
    new LogementRepository(db).findAllLogements(exercice.bailleurId, exercice.departement),
  ]);
  const parId = new Map<string, Convention>(conventions.map((c) => [c.id, c]));
  // DEFENSE rights stay en stock on identified flats (CCH R.441-5): their objective is no share of the flux, nothing to compute.
  const kindDe = new Map(reservataires.map((r) => [r.id, r.kind]));
  const typees = exercice.objectifs
    .map((o) => parId.get(o.conventionId))
    .filter((c): c is Convention => c !== undefined && kindDe.get(c.reservataireId) !== 'DEFENSE');
  const offrePrevue = prevoirOffre(logements, exercice.assiette.tauxRotation);
  const versions = await new ConventionVersionRepository(db).findVersions(typees.map((c) => c.id));
  const calcules = new Map(
    objectifsAnnuels({ fluxARepartir: exercice.fluxARepartir, annee: exercice.annee, objectifs: [] }, typees, {
      reservataires,
      offrePrevue,
      versions,
    }).map((o) => [o.conventionId, o.objectif]),
  );
  const nomDe = new Map(reservataires.map((r) => [r.id, r.nom]));
  exercice.objectifs.forEach((o, i) => {
    const c = parId.get(o.conventionId);
    const calcule = calcules.get(o.conventionId);
    if (!c || calcule === undefined) return;
    out.push({
      champ: `objectifs.${i}.objectif`,
      libelle: `objectif de la convention ${c.reference} (${nomDe.get(c.reservataireId) ?? 'réservataire'})`,
      conventionId: c.id,
      reference: c.reference,
      saisi: o.objectif,
      calcule: Math.round(calcule * 100) / 100,
      ecart: differe(o.objectif, calcule),
      motif: o.motif?.trim() || null,
    });
  });
  return out;
}

/** A typed figure differing from the computed one without a reason: a French 400 naming the field and both figures. */
export function erreursChiffresSaisis(chiffres: ChiffreSaisi[]): ErreurChamp[] {
  return chiffres
    .filter((c) => c.ecart && !c.motif)
    .map((c) => {
      const champMotif = c.champ === 'fluxARepartir' ? 'fluxARepartirMotif' : c.champ.replace(/\.objectif$/, '.motif');
      const calcul = c.champ === 'fluxARepartir' ? "celui que donne l'assiette" : 'celui que calcule la convention';
      return {
        champ: c.champ,
        raison: `${c.libelle} : ${nombre(c.saisi)} saisis, ${nombre(c.calcule)} calculés (${calcul}) ; un chiffre saisi différent du calcul doit enregistrer son motif (${champMotif})`,
      };
    });
}
