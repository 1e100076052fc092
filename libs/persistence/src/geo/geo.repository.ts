import type { Commune, Epci } from '@aiguillage/engine/domain';
import { managerOf, orNull, type Db } from '../repository.utils';
import { check } from '../validation';
import { CommuneEntity } from './commune.entity';
import { EpciEntity } from './epci.entity';
import { QpvEntity } from './qpv.entity';

export interface Qpv {
  code: string;
  nom: string;
  departement: string;
  /** INSEE codes of the communes it spans. */
  communes: string[];
}

/** SQL: the name of the département whose code is `code` (a column), or null. */
export const departementNomme = (code: string): string => `(SELECT dn.nom FROM departement dn WHERE dn.code = ${code})`;

export function toCommune(e: CommuneEntity): Commune {
  return {
    insee: e.insee,
    nom: e.nom,
    epci: e.epci,
    departement: e.departement,
    ...(e.tension === null ? {} : { tension: e.tension }),
  };
}

export function toEpci(e: EpciEntity): Epci {
  return { siren: e.siren, nom: e.nom, departement: e.departement };
}

/** The geographic référentiel (EPCI, communes, QPV): public data, not scoped by bailleur. */
export class GeoRepository {
  constructor(private readonly db: Db) {}

  async upsertEpcis(epcis: readonly Epci[]): Promise<void> {
    epcis.forEach((e, i) => {
      check.text(e.siren, `epcis[${i}].siren`, 9);
      check.text(e.nom, `epcis[${i}].nom`, 200);
      check.text(e.departement, `epcis[${i}].departement`, 3);
    });
    if (epcis.length === 0) return;
    await managerOf(this.db)
      .createQueryBuilder()
      .insert()
      .into(EpciEntity)
      .values(epcis.map((e) => ({ siren: e.siren, nom: e.nom, departement: e.departement })))
      .orUpdate(['nom', 'departement'], ['siren'])
      .execute();
  }

  /** Names a département (the official ones are named by the migration; a référentiel may add its own). */
  async upsertDepartement(code: string, nom: string): Promise<void> {
    check.text(code, 'departement.code', 3);
    check.text(nom, 'departement.nom', 100);
    await managerOf(this.db).query(
      `INSERT INTO departement (code, nom) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET nom = EXCLUDED.nom`,
      [code, nom],
    );
  }

  /** A département's name, null when the référentiel has none. */
  async nomDepartement(code: string): Promise<string | null> {
    const [row] = await managerOf(this.db).query<Array<{ nom: string | null }>>(
      `SELECT ${departementNomme('$1::text')} AS nom`,
      [code],
    );
    return row.nom;
  }

  /** EPCIs must be written first (foreign key). */
  async upsertCommunes(communes: readonly Commune[]): Promise<void> {
    communes.forEach((c, i) => {
      check.text(c.insee, `communes[${i}].insee`, 5);
      check.text(c.nom, `communes[${i}].nom`, 200);
      check.text(c.epci, `communes[${i}].epci`, 9);
      check.text(c.departement, `communes[${i}].departement`, 3);
      check.optionalRate(c.tension, `communes[${i}].tension`);
    });
    if (communes.length === 0) return;
    await managerOf(this.db)
      .createQueryBuilder()
      .insert()
      .into(CommuneEntity)
      .values(
        communes.map((c) => ({
          insee: c.insee,
          nom: c.nom,
          epci: c.epci,
          departement: c.departement,
          tension: orNull(c.tension),
        })),
      )
      .orUpdate(['nom', 'epci', 'departement', 'tension'], ['insee'])
      .execute();
  }

  async upsertQpvs(qpvs: readonly Qpv[]): Promise<void> {
    qpvs.forEach((q, i) => {
      check.text(q.code, `qpvs[${i}].code`, 16);
      check.text(q.nom, `qpvs[${i}].nom`, 200);
      check.text(q.departement, `qpvs[${i}].departement`, 3);
      q.communes.forEach((c, j) => check.text(c, `qpvs[${i}].communes[${j}]`, 5));
    });
    if (qpvs.length === 0) return;
    await managerOf(this.db)
      .createQueryBuilder()
      .insert()
      .into(QpvEntity)
      .values(qpvs.map((q) => ({ code: q.code, nom: q.nom, departement: q.departement, communes: [...q.communes] })))
      .orUpdate(['nom', 'departement', 'communes'], ['code'])
      .execute();
  }

  async findEpcis(departement: string): Promise<Epci[]> {
    return (await managerOf(this.db).find(EpciEntity, { where: { departement }, order: { siren: 'ASC' } })).map(toEpci);
  }

  async findCommunes(departement: string): Promise<Commune[]> {
    return (await managerOf(this.db).find(CommuneEntity, { where: { departement }, order: { insee: 'ASC' } })).map(
      toCommune,
    );
  }

  async findQpvs(departement: string): Promise<Qpv[]> {
    const rows = await managerOf(this.db).find(QpvEntity, { where: { departement }, order: { code: 'ASC' } });
    return rows.map((q) => ({ code: q.code, nom: q.nom, departement: q.departement, communes: q.communes }));
  }
}
