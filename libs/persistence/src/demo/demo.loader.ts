import type { DemoDepartement } from '@aiguillage/demo/types';
import type { EntityManager } from 'typeorm';
import { BailleurRepository } from '../bailleur/bailleur.repository';
import { ConventionRepository } from '../convention/convention.repository';
import { ExerciceRepository } from '../exercice/exercice.repository';
import { GeoRepository } from '../geo/geo.repository';
import { LiberationRepository } from '../liberation/liberation.repository';
import { LogementRepository } from '../logement/logement.repository';
import { ProfilDemandeRepository } from '../profil-demande/profil-demande.repository';
import { ProgrammeRepository } from '../programme/programme.repository';
import { SeuilQuartileRepository } from '../quartile/seuil-quartile.repository';
import { ReservataireRepository } from '../reservataire/reservataire.repository';
import { managerOf, type Db } from '../repository.utils';

export interface DemoCounts {
  epcis: number;
  communes: number;
  qpvs: number;
  bailleurs: number;
  reservataires: number;
  programmes: number;
  logements: number;
  conventions: number;
  profils: number;
  exercices: number;
  liberations: number;
}

/**
 * Writes a generated département (`generateDepartement` of @aiguillage/demo) in one transaction,
 * keeping the generator's ids. Pass the EntityManager of a running transaction to include it in
 * a larger unit of work. Re-loading the same demo updates in place (geography, actors, flats);
 * libérations must not exist yet.
 */
export async function insertDemo(db: Db, demo: DemoDepartement): Promise<DemoCounts> {
  return managerOf(db).transaction(async (manager) => {
    const geo = new GeoRepository(manager);
    await geo.upsertDepartement(demo.departement.code, demo.departement.nom);
    await geo.upsertEpcis(demo.epcis);
    await geo.upsertCommunes(demo.communes);
    await geo.upsertQpvs(
      demo.qpvs.map((q) => ({ code: q.code, nom: q.nom, departement: demo.departement.code, communes: [q.commune] })),
    );
    const bailleurs = new BailleurRepository(manager);
    for (const b of demo.bailleurs) await bailleurs.saveBailleur(b);
    await new ReservataireRepository(manager).upsertReservataires(demo.reservataires);
    await new ProgrammeRepository(manager).upsertProgrammes(demo.programmes);
    const logements = await new LogementRepository(manager).upsertLogements(demo.logements);
    await new ConventionRepository(manager).saveConventions(demo.conventions);
    await new ProfilDemandeRepository(manager).saveProfils(demo.profils);
    await new SeuilQuartileRepository(manager).enregistrer(demo.seuilsQuartiles ?? []);
    await new ExerciceRepository(manager).saveExercices(demo.exercices);
    const liberations = await new LiberationRepository(manager).insertLiberations(demo.liberations);
    return {
      epcis: demo.epcis.length,
      communes: demo.communes.length,
      qpvs: demo.qpvs.length,
      bailleurs: demo.bailleurs.length,
      reservataires: demo.reservataires.length,
      programmes: demo.programmes.length,
      logements: logements.inserted + logements.updated + logements.unchanged,
      conventions: demo.conventions.length,
      profils: demo.profils.length,
      exercices: demo.exercices.length,
      liberations,
    };
  });
}

/** Serialises concurrent first boots (two API replicas on an empty database). */
const DEMO_LOCK = 74_217_001;

/** Takes the demo's load lock until the end of `manager`'s transaction (one loader at a time). */
export async function lockDemoLoad(manager: EntityManager): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock($1)', [DEMO_LOCK]);
}
