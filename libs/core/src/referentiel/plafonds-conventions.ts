import {
  verifierPlafonds,
  verifierTerritoires,
  type Convention,
  type Depassement,
  type Reservataire,
} from '@aiguillage/engine';
import { ConventionRepository, GeoRepository, ReservataireRepository } from '@aiguillage/persistence';
import type { EntityManager } from 'typeorm';
import { RequeteInvalideError } from '../errors/domain-errors';
import type { ErreurChamp } from '../platform/validation/french-messages';

/**
 * The décret's caps checked where conventions are made (API, import): `candidates` (new or changed
 * conventions, with their ids) against the bailleur's other conventions of the same département.
 * Returns every breach, in French, naming the convention, the rule and the figures.
 */
export async function depassementsPlafonds(manager: EntityManager, candidates: Convention[]): Promise<Depassement[]> {
  if (candidates.length === 0) return [];
  const bailleurIds = [...new Set(candidates.map((c) => c.bailleurId))];
  const departements = [...new Set(candidates.map((c) => c.departement))];
  const existantes = (await new ConventionRepository(manager).findConventions({ bailleurIds })).filter((c) =>
    departements.includes(c.departement),
  );
  const reservataireRepo = new ReservataireRepository(manager);
  const reservataires = new Map<string, Reservataire>(
    (await reservataireRepo.findReservataires({ bailleurIds })).map((r) => [r.id, r]),
  );
  for (const id of new Set(candidates.map((c) => c.reservataireId))) {
    if (!reservataires.has(id)) {
      const r = await reservataireRepo.findReservataireById(id);
      if (r) reservataires.set(id, r);
    }
  }
  const geo = new GeoRepository(manager);
  const epciDe = new Map<string, string>();
  const nomDe = new Map<string, string>();
  for (const dep of departements) {
    for (const c of await geo.findCommunes(dep)) {
      epciDe.set(c.insee, c.epci);
      nomDe.set(c.insee, c.nom);
    }
    for (const e of await geo.findEpcis(dep)) nomDe.set(e.siren, e.nom);
  }
  const contexte = { reservataires: [...reservataires.values()], epciDe, nomDe };
  return [
    ...verifierTerritoires(candidates, existantes, contexte),
    ...verifierPlafonds(candidates, existantes, contexte),
  ];
}

/** The breaches as a French 400 (nothing written): one error per breach, on the field it concerns. */
export function refuserDepassements(
  depassements: Depassement[],
  champ: (d: Depassement) => string = (d) =>
    d.regle === 'PLAFOND_FONCTIONNAIRES'
      ? 'sousQuotas'
      : d.regle === 'TERRITOIRE_COMMUNE' || d.regle === 'CONVENTION_EN_DOUBLE'
        ? 'territoire'
        : 'cible.taux',
): void {
  if (depassements.length === 0) return;
  const erreurs: ErreurChamp[] = depassements.map((d) => ({ champ: champ(d), raison: d.message }));
  throw new RequeteInvalideError(
    erreurs,
    `Plafonds du décret dépassés : ${depassements.map((d) => d.message).join(' ; ')}`,
  );
}
