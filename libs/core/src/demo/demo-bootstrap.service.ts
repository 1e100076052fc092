import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DEPARTEMENT_DEMO, generateDepartement, plusGrandBailleur, type DemoDepartement } from '@aiguillage/demo';
import {
  AppUserEntity,
  BailleurEntity,
  insertDemo,
  lockDemoLoad,
  ReservataireRepository,
  UserRepository,
} from '@aiguillage/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig } from '../platform/config/app-config';
import { JobRunner } from '../platform/jobs/job-runner';
import { UsersService } from '../referentiel/users.service';
import { CreerCompte } from '../referentiel/commands';
import { creerCommande } from '../platform/validation/creer-commande';
import type { UserRole } from '../platform/auth/access-scope';
import { rejouerAnnee, type BilanRejeu } from './demo-year';

/** One demo account per role; the passwords are public (demo data only, never in production). */
export interface DemoLogin {
  role: UserRole;
  email: string;
  password: string;
  perimetre: string;
}

export interface DemoStatus {
  /** True when this boot loaded the demo (empty database). */
  loaded: boolean;
  logins: DemoLogin[];
  /** What this boot played of the demo year (null: not played, e.g. DEMO_REJEU=false or already loaded). */
  rejeu: BilanRejeu | null;
}

const DEMO_PASSWORDS: Record<UserRole, string> = {
  ADMIN: 'admin-aiguillage',
  MANAGER: 'manager-aiguillage',
  CHARGE: 'charge-aiguillage',
  RESERVATAIRE: 'reservataire-aiguillage',
};
const DEMO_EMAILS: Record<UserRole, string> = {
  ADMIN: 'admin@aiguillage.demo',
  MANAGER: 'manager@aiguillage.demo',
  CHARGE: 'charge@aiguillage.demo',
  RESERVATAIRE: 'action-logement@aiguillage.demo',
};
/**
 * Loads the demo département into an empty database (no bailleur yet), once, with one account per
 * role, all in one transaction; then tells the worker through the `demo.loaded` job.
 */
@Injectable()
export class DemoBootstrapService {
  private readonly logger = new Logger(DemoBootstrapService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly jobs: JobRunner,
    private readonly config: AppConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  async loadOnce(): Promise<DemoStatus> {
    const { enabled, seed, scale, rejeu } = this.config.get('demo');
    if (!enabled) return { loaded: false, logins: [], rejeu: null };
    const loaded = await this.dataSource.transaction(async (manager) => {
      await lockDemoLoad(manager); // concurrent first boots (two API replicas on an empty database) load once
      if (await manager.getRepository(BailleurEntity).exists()) {
        await nommerDepartementDemo(manager);
        return null;
      }
      const started = Date.now();
      const demo = generateDepartement({ seed, scale });
      // Played year: the libérations are declared by the replay, as they happen (none after the demo's date).
      await insertDemo(manager, rejeu ? { ...demo, liberations: [] } : demo);
      await this.createAccounts(manager, demo);
      this.logger.log(
        `Démo « ${demo.departement.nom} » chargée en ${Date.now() - started} ms (graine ${seed}, échelle ${scale})`,
      );
      return demo;
    });
    const bilan =
      loaded && rejeu
        ? await rejouerAnnee(this.moduleRef, this.dataSource, loaded, this.config.get('demo').date, accountEmails())
        : null;
    if (loaded) {
      await this.jobs.add(
        'demo.loaded',
        {
          seed,
          bailleurs: loaded.bailleurs.length,
          logements: loaded.logements.length,
          conventions: loaded.conventions.length,
        },
        { jobId: `demo-loaded-${seed}` },
      );
    }
    return { loaded: loaded !== null, logins: await this.existingLogins(), rejeu: bilan };
  }

  /** The demo accounts still present (printed at each boot). */
  private async existingLogins(): Promise<DemoLogin[]> {
    const accounts = await this.dataSource
      .getRepository(AppUserEntity)
      .findBy(Object.values(DEMO_EMAILS).map((email) => ({ email })));
    return (Object.keys(DEMO_EMAILS) as UserRole[])
      .filter((role) => accounts.some((a) => a.email === DEMO_EMAILS[role]))
      .map((role) => ({ role, email: DEMO_EMAILS[role], password: DEMO_PASSWORDS[role], perimetre: PERIMETRES[role] }));
  }

  private async createAccounts(manager: EntityManager, demo: DemoDepartement): Promise<void> {
    const largest = plusGrandBailleur(demo);
    const als = demo.reservataires.find((r) => r.kind === 'ALS');
    if (!largest || !als) throw new Error('Démo incomplète : il faut au moins un bailleur et Action Logement');
    const alsBailleurs = [
      ...new Set(demo.conventions.filter((c) => c.reservataireId === als.id).map((c) => c.bailleurId)),
    ];
    const [users, reservataires] = [new UserRepository(manager), new ReservataireRepository(manager)];
    const account = async (role: UserRole, nom: string, bailleurIds: string[], reservataireId?: string) => {
      const compte = {
        email: DEMO_EMAILS[role],
        password: DEMO_PASSWORDS[role],
        nom,
        role,
        bailleurIds,
        reservataireId,
      };
      return this.users.createAccount(await creerCommande(CreerCompte, compte), users, reservataires);
    };
    // People's names, as the team reads them in « Décidé par », the approvals and Slack.
    await account(
      'ADMIN',
      'Nadia Benali',
      demo.bailleurs.map((b) => b.id),
    );
    await account('MANAGER', 'Sophie Lefèvre', [largest.id]);
    await account('CHARGE', 'Thomas Garnier', [largest.id]);
    await account('RESERVATAIRE', 'Julien Moreau', alsBailleurs, als.id);
  }
}

/** The demo accounts' e-mails, by role (the replay acts as them). */
function accountEmails(): Record<UserRole, string> {
  return { ...DEMO_EMAILS };
}

const PERIMETRES: Record<UserRole, string> = {
  ADMIN: 'tous les bailleurs de la démo',
  MANAGER: 'le plus grand bailleur',
  CHARGE: 'le plus grand bailleur',
  RESERVATAIRE: 'Action Logement, lecture seule, ses conventions',
};

/**
 * A demo loaded before the départements were named keeps its own unnamed (the demo loads once):
 * named now when its flats are there and nothing names it yet.
 */
async function nommerDepartementDemo(manager: EntityManager): Promise<void> {
  await manager.query(
    `INSERT INTO departement (code, nom) SELECT $1::text, $2::text
     WHERE NOT EXISTS (SELECT 1 FROM departement WHERE code = $1::text)
       AND EXISTS (SELECT 1 FROM logement WHERE departement = $1::text)`,
    [DEPARTEMENT_DEMO.code, DEPARTEMENT_DEMO.nom],
  );
}
