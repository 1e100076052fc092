import { Logger } from '@nestjs/common';
import { dateFr } from '@aiguillage/engine';
import type { ModuleRef } from '@nestjs/core';
import { dateDemo, planifierScenario, plusGrandBailleur, type DemoDepartement } from '@aiguillage/demo';
import { UserRepository } from '@aiguillage/persistence';
import type { DataSource } from 'typeorm';
import type { AccessScope, UserRole } from '../platform/auth/access-scope';
import { FLOW_OPTIONS, type FlowOptions } from '../platform/config/flow-options';
import { LiberationFlowService } from '../liberations/liberation-flow.service';
import { OrientationFlowService } from '../orientations/orientation-flow.service';
import { FlowUnitOfWork } from '../platform/live/flow-unit-of-work';
import { PolitiqueDerogationService } from '../orientations/politique-derogation';
import { SuiviFlowService } from '../cycle-vie/suivi-flow.service';
import { JobRunner } from '../platform/jobs/job-runner';
import { DemoReplay, type BilanRejeu } from './demo-replay';

export type { BilanRejeu };

const logger = new Logger('DemoReplay');

/**
 * Plays the freshly loaded demo's year up to its « aujourd'hui » (DEMO_DATE, or the real day,
 * brought into the demo's year) through the live flow's use cases. Null when this process has no
 * live flow (a worker never loads the demo, but stays safe).
 */
export async function rejouerAnnee(
  moduleRef: ModuleRef,
  dataSource: DataSource,
  demo: DemoDepartement,
  dateDemandee: string | null,
  emails: Record<UserRole, string>,
): Promise<BilanRejeu | null> {
  let deps: Omit<ConstructorParameters<typeof DemoReplay>[0], 'dataSource' | 'conventions'>;
  try {
    deps = {
      liberations: moduleRef.get(LiberationFlowService, { strict: false }),
      orientations: moduleRef.get(OrientationFlowService, { strict: false }),
      suivi: moduleRef.get(SuiviFlowService, { strict: false }),
      politiques: moduleRef.get(PolitiqueDerogationService, { strict: false }),
      uow: moduleRef.get(FlowUnitOfWork, { strict: false }),
      jobs: moduleRef.get(JobRunner, { strict: false }),
      options: moduleRef.get<FlowOptions>(FLOW_OPTIONS, { strict: false }),
    };
  } catch {
    logger.warn("Année de démonstration non jouée : ce processus n'a pas le flux d'orientation");
    return null;
  }
  const jusquau = dateDemo(demo.annee, dateDemandee, new Date().toISOString().slice(0, 10));
  const scenario = planifierScenario(demo, jusquau);
  let bilan: BilanRejeu;
  try {
    const acteurs = await acteursDemo(dataSource, demo, emails);
    bilan = await new DemoReplay({ ...deps, dataSource, conventions: demo.conventions }).jouer(scenario, acteurs);
  } catch (error) {
    // The demo is loaded and usable: the product starts, with what was played.
    logger.error(`Année de démonstration interrompue : ${(error as Error).message}`, (error as Error).stack);
    return null;
  }
  logger.log(resume(bilan));
  for (const incident of bilan.incidents.slice(0, 5)) logger.warn(`Étape de la démo refusée : ${incident}`);
  return bilan;
}

async function acteursDemo(
  dataSource: DataSource,
  demo: DemoDepartement,
  emails: Record<UserRole, string>,
): Promise<{ charge: AccessScope; manager: AccessScope; admin: AccessScope }> {
  const users = new UserRepository(dataSource);
  const rows = (await Promise.all(Object.values(emails).map((email) => users.findUserByEmail(email)))).filter(
    (u) => u !== null,
  );
  const idOf = (role: UserRole): string => {
    const row = rows.find((r) => r.email === emails[role]);
    if (!row) throw new Error(`Compte de démonstration absent : ${emails[role]}`);
    return row.id;
  };
  const largest = plusGrandBailleur(demo).id;
  const scope = (role: 'ADMIN' | 'MANAGER' | 'CHARGE', bailleurIds: string[]): AccessScope => ({
    userId: idOf(role),
    email: emails[role],
    role,
    bailleurIds,
    reservataireId: null,
  });
  return {
    charge: scope('CHARGE', [largest]),
    manager: scope('MANAGER', [largest]),
    admin: scope(
      'ADMIN',
      demo.bailleurs.map((b) => b.id),
    ),
  };
}

function resume(b: BilanRejeu): string {
  // French: singular below 2 (« 1 rejetée », « 0 délai en cours »).
  const n = (x: number, un: string, plusieurs = `${un}s`) => `${x.toLocaleString('fr-FR')} ${x < 2 ? un : plusieurs}`;
  const d = b.derogations;
  return (
    `Année de démonstration jouée jusqu'au ${dateFr(b.jusquau)} en ${(b.dureeMs / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s : ` +
    `${n(b.liberations, 'libération')}, ${n(b.decisions, 'décision')}, ${n(d.demandees, 'dérogation')} ` +
    `(${n(d.approuvees, 'approuvée')}, ${n(d.rejetees, 'rejetée')}, ${d.enAttente.toLocaleString('fr-FR')} en attente, ` +
    `${d.sansApprobation.toLocaleString('fr-FR')} sans approbation requise), ${n(b.propositions, 'proposition')}, ` +
    `${n(b.attributions, 'attribution')} en CAL, ${n(b.baux, 'bail', 'baux')}, ${n(b.delaisExpires, 'délai expiré', 'délais expirés')}, ` +
    `${n(b.delaisEnCours, 'délai en cours', 'délais en cours')}, ${n(b.aOrienter, 'logement à orienter', 'logements à orienter')}`
  );
}
