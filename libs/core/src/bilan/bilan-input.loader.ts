import { Injectable } from '@nestjs/common';
import { objectifsAnnuels, prevoirOffre, type Convention, type VersionsConventions } from '@aiguillage/engine';
import {
  BailleurRepository,
  BilanRepository,
  ConventionRepository,
  ConventionVersionRepository,
  ExerciceRepository,
  GeoRepository,
  LogementRepository,
  ReservataireRepository,
} from '@aiguillage/persistence';
import { DataSource } from 'typeorm';
import { IntrouvableError } from '../errors/domain-errors';
import { TRANSITION_EVENT } from '../platform/live/flow.types';
import { PERIODES_PAR_DEFAUT, type BilanInput, type PeriodeConstruction } from './compute';

export interface CleBilan {
  bailleurId: string;
  departement: string;
  annee: number;
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Conventions in force at some point of the year, under any of their versions (as the live flow loads them). */
export function enVigueur(conventions: Convention[], annee: number, versions: VersionsConventions = {}): Convention[] {
  const selon = (c: Convention) => c.dateDebut <= `${annee}-12-31` && (!c.dateFin || c.dateFin >= `${annee}-01-01`);
  return conventions.filter((c) => selon(c) || (versions[c.id] ?? []).some((v) => selon(v.convention)));
}

/**
 * Reads everything a bilan is computed from, in a deterministic order, with the event-log version
 * it reflects (read first: what is read after it is at least as recent).
 */
@Injectable()
export class BilanInputLoader {
  constructor(private readonly dataSource: DataSource) {}

  async charger(
    cle: CleBilan,
    periodes: PeriodeConstruction[] = PERIODES_PAR_DEFAUT,
  ): Promise<{ input: BilanInput; versionEvenements: string }> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const scope = [cle.bailleurId];
      const [bailleur] = await new BailleurRepository(m).findBailleurs(scope);
      if (!bailleur) throw new IntrouvableError('Bailleur', cle.bailleurId);
      const exercice = await new ExerciceRepository(m).findExercice({ bailleurIds: scope, ...cle });
      const repo = new BilanRepository(m);
      const versionEvenements = await repo.versionEvenements(cle.bailleurId, exercice?.id ?? null, TRANSITION_EVENT);
      const conventions = await new ConventionRepository(m).findConventions({
        bailleurIds: scope,
        departement: cle.departement,
      });
      const reservataires = await new ReservataireRepository(m).findReservataires({ bailleurIds: scope });
      const communes = await new GeoRepository(m).findCommunes(cle.departement);
      const epcis = await new GeoRepository(m).findEpcis(cle.departement);
      const lignes = await repo.lignes(cle);
      const toutes = await new ConventionVersionRepository(m).findVersions(conventions.map((c) => c.id));
      const retenues = enVigueur(conventions, cle.annee, toutes).sort(byId);
      const versions = Object.fromEntries(
        retenues.filter((c) => toutes[c.id]?.length).map((c) => [c.id, toutes[c.id]]),
      );
      // The forecast objectives exactly as the live flow sets them (engine-state.store): the
      // territory's share of the year's supply model, each version's share, the carried deficit once.
      const objectifsPrevus = exercice
        ? Object.fromEntries(
            objectifsAnnuels(exercice, retenues, {
              reservataires,
              offrePrevue: prevoirOffre(
                await new LogementRepository(m).findAllLogements(cle.bailleurId, cle.departement),
                exercice.assiette.tauxRotation,
              ),
              versions,
            }).map((o) => [o.conventionId, o.objectif]),
          )
        : undefined;
      const ids = new Set(retenues.map((c) => c.reservataireId));
      const input: BilanInput = {
        bailleur: { id: bailleur.id, nom: bailleur.nom },
        departement: cle.departement,
        annee: cle.annee,
        exercice: exercice
          ? {
              ...exercice,
              objectifs: [...exercice.objectifs].sort((a, b) => (a.conventionId < b.conventionId ? -1 : 1)),
            }
          : null,
        conventions: retenues,
        reservataires: reservataires.filter((r) => ids.has(r.id)).sort(byId),
        communes: Object.fromEntries(communes.map((c) => [c.insee, c.nom])),
        epcis: Object.fromEntries(epcis.map((e) => [e.siren, e.nom])),
        periodes,
        lignes,
        ...(Object.keys(versions).length > 0 ? { versions } : {}),
        ...(objectifsPrevus ? { objectifsPrevus } : {}),
      };
      return { input, versionEvenements };
    });
  }
}
