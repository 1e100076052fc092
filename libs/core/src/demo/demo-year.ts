import { Logger } from '@nestjs/common';
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
  const n = (x: number) => x.toLocaleString('fr-FR');
  const [a, m, j] = b.jusquau.split('-');
  return (
    `Année de démonstration jouée jusqu'au ${j}/${m}/${a} en ${(b.dureeMs / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s : ` +
    `${n(b.liberations)} libérations, ${n(b.decisions)} décisions, ${n(b.derogations.demandees)} dérogations ` +
    `(${n(b.derogations.approuvees)} approuvées, ${n(b.derogations.rejetees)} rejetées, ${n(b.derogations.enAttente)} en attente, ` +
    `${n(b.derogations.sansApprobation)} sans approbation requise), ${n(b.propositions)} propositions, ` +
    `${n(b.attributions)} attributions en CAL, ${n(b.baux)} baux, ${n(b.delaisExpires)} délais expirés, ` +
    `${n(b.delaisEnCours)} délais en cours, ${n(b.aOrienter)} logements à orienter`
  );
}
