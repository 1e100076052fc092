import { EngineInputError, quartileDuMenage, unitesConsommation, type Quartile } from '@aiguillage/engine';
import {
  InvalidInputError,
  REGION_IDF,
  SeuilQuartileRepository,
  territoiresDuLogement,
  type SeuilQuartile,
} from '@aiguillage/persistence';
import type { EntityManager } from 'typeorm';
import { IntrouvableError } from '../errors/domain-errors';

/**
 * What a candidate's quartile is given by: the household's monthly resources (euros) and its children
 * under 14 (the consumption units), or the quartile typed by hand, or both (they must then agree).
 */
export interface SaisieQuartile {
  quartile?: Quartile;
  /** Monthly resources of the household, in euros (at most 2 decimals). Not stored: only the quartile is. */
  ressourcesMensuelles?: number;
  /** Children under 14 in the household (required with the resources). */
  enfantsMoins14?: number;
}

/** A candidate as recorded: its quartile typed, computed from its income, or both. */
export type AvecRevenu<T extends { quartile: Quartile }> = Omit<T, 'quartile'> & SaisieQuartile;

const euros = (centimes: number) =>
  `${(Math.round(centimes) / 100).toLocaleString('fr-FR', { maximumFractionDigits: 0 })} €`;
const absent = (v: unknown): v is null | undefined => v === undefined || v === null;
const present = <T>(v: T | null | undefined): v is T => v !== undefined && v !== null;

/**
 * The quartile rules of one candidate (before any read): typed, or given by the resources with the
 * children under 14 (the fields themselves were validated with the command). 400 naming the field as
 * `candidats[i].quartile`, like the refusals of `quartilesDesCandidats` that need the thresholds.
 */
export function verifierSaisieQuartile(c: SaisieQuartile & { tailleMenage: number }, champ: string): void {
  if (absent(c.ressourcesMensuelles)) {
    if (absent(c.quartile))
      throw new InvalidInputError(
        `${champ}.quartile`,
        'obligatoire quand les ressources mensuelles ne sont pas données',
      );
    return;
  }
  if (absent(c.enfantsMoins14)) {
    throw new InvalidInputError(
      `${champ}.enfantsMoins14`,
      'obligatoire avec les ressources mensuelles (unités de consommation : 0,3 par enfant de moins de 14 ans, 0,5 par autre personne)',
    );
  }
  try {
    unitesConsommation({ personnes: c.tailleMenage, enfantsMoins14: c.enfantsMoins14 });
  } catch (e) {
    if (e instanceof EngineInputError) throw new InvalidInputError(`${champ}.${e.champ}`, e.raison);
    throw e;
  }
}

/** "l'EPCI Chantevière Agglomération" / "l'Île-de-France" for the messages (names, never codes alone). */
async function nomTerritoire(seuilsRepo: SeuilQuartileRepository, territoire: string): Promise<string> {
  if (territoire === REGION_IDF) return 'la région Île-de-France (arrêté régional)';
  const nom = await seuilsRepo.nomEpci(territoire);
  return nom !== null ? `l'EPCI ${nom}` : `l'EPCI de SIREN ${territoire}`;
}

function decrireSeuils(s: SeuilQuartile): string {
  if (s.seuilQ2Centimes === null || s.seuilQ3Centimes === null)
    return `1er quartile sous ${euros(s.seuilQ1Centimes)} par UC`;
  return `1er quartile sous ${euros(s.seuilQ1Centimes)}, 2e sous ${euros(s.seuilQ2Centimes)}, 3e sous ${euros(s.seuilQ3Centimes)} par UC`;
}

/**
 * The quartile to record for each candidate of a flat (CCH L.441-1): computed from its monthly
 * resources × 12 ÷ consumption units against the thresholds of the flat's EPCI (or region,
 * Île-de-France) for the year; a typed quartile is kept when the resources are not given (or no
 * threshold is known), and refused (400 naming both) when it contradicts the computed one.
 * Run inside the recording transaction; call `verifierSaisieQuartile` on each first.
 */
export async function quartilesDesCandidats(
  manager: EntityManager,
  lieu: { logementId: string; annee: number },
  candidats: ReadonlyArray<SaisieQuartile & { tailleMenage: number }>,
): Promise<Quartile[]> {
  if (candidats.every((c) => absent(c.ressourcesMensuelles))) return candidats.map((c) => c.quartile!);
  const seuilsRepo = new SeuilQuartileRepository(manager);
  const logement = await seuilsRepo.lieuDuLogement(lieu.logementId);
  if (!logement) throw new IntrouvableError('Logement', lieu.logementId);
  const territoires = territoiresDuLogement(logement.epci, logement.departement);
  const seuils = await seuilsRepo.pour(territoires, lieu.annee);
  const ou = seuils ? `${await nomTerritoire(seuilsRepo, seuils.territoire)} en ${lieu.annee}` : '';
  return candidats.map((c, i) => {
    const champ = `candidats[${i}].quartile`;
    if (absent(c.ressourcesMensuelles)) return c.quartile!; // checked: typed when no resources
    if (!seuils) {
      if (present(c.quartile)) return c.quartile;
      throw new InvalidInputError(
        champ,
        `aucun seuil de quartile connu pour ${logement.epci ? `l'EPCI du logement (${logement.commune})` : `le logement de ${logement.commune} (sans EPCI)`} en ${lieu.annee} : saisissez le quartile ou importez les seuils de l'arrêté`,
      );
    }
    const menage = { personnes: c.tailleMenage, enfantsMoins14: c.enfantsMoins14! };
    const calcule = quartileDuMenage(Math.round(c.ressourcesMensuelles * 100), menage, {
      q1: seuils.seuilQ1Centimes,
      q2: seuils.seuilQ2Centimes,
      q3: seuils.seuilQ3Centimes,
    });
    const detail = `${euros(calcule.revenuParUc)} par unité de consommation (${c.ressourcesMensuelles.toLocaleString('fr-FR')} € par mois × 12 ÷ ${unitesConsommation(menage).toLocaleString('fr-FR')} UC) ; seuils de ${ou} : ${decrireSeuils(seuils)}`;
    const calculeTexte = calcule.min === calcule.max ? `${calcule.min}` : `${calcule.min} à ${calcule.max}`;
    if (present(c.quartile) && (c.quartile < calcule.min || c.quartile > calcule.max)) {
      throw new InvalidInputError(
        champ,
        `le quartile saisi (${c.quartile}) contredit le quartile calculé (${calculeTexte}) : ${detail}`,
      );
    }
    if (present(c.quartile)) return c.quartile;
    if (calcule.min !== calcule.max) {
      throw new InvalidInputError(
        champ,
        `quartile ${calculeTexte} : seul le seuil du 1er quartile est connu (${detail}) ; saisissez le quartile`,
      );
    }
    return calcule.min;
  });
}
