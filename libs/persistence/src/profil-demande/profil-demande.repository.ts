import { TYPOLOGIES, type ProfilDemande } from '@aiguillage/engine/domain';
import { In } from 'typeorm';
import { InvalidInputError } from '../errors';
import { groupBy, managerOf, orNull, requireScope, type Db } from '../repository.utils';
import { check } from '../validation';
import { ProfilDemandeLigneEntity } from './profil-demande-ligne.entity';
import { ProfilDemandeEntity } from './profil-demande.entity';

export function validateProfil(p: ProfilDemande, field: string): void {
  check.uuid(p.reservataireId, `${field}.reservataireId`);
  check.integer(p.annee, `${field}.annee`, 2000, 2100);
  if (!Array.isArray(p.quartiles) || p.quartiles.length !== 4)
    throw new InvalidInputError(`${field}.quartiles`, '4 parts attendues (q1..q4)');
  p.quartiles.forEach((q, i) => check.rate(q, `${field}.quartiles[${i}]`));
  check.rate(p.prioritaires, `${field}.prioritaires`);
  check.integer(p.delaiMoyenJours, `${field}.delaiMoyenJours`, 0);
  check.rate(p.tauxRefus, `${field}.tauxRefus`);
  p.demandes.forEach((d, i) => {
    check.optionalText(d.commune, `${field}.demandes[${i}].commune`, 5);
    check.oneOf(d.typologie, TYPOLOGIES, `${field}.demandes[${i}].typologie`);
    check.integer(d.demandeurs, `${field}.demandes[${i}].demandeurs`, 0);
  });
}

function toProfil(p: ProfilDemandeEntity, lignes: readonly ProfilDemandeLigneEntity[]): ProfilDemande {
  return {
    reservataireId: p.reservataireId,
    annee: p.annee,
    demandes: lignes.map((l) => ({ commune: l.commune, typologie: l.typologie, demandeurs: l.demandeurs })),
    quartiles: [p.quartile1, p.quartile2, p.quartile3, p.quartile4],
    prioritaires: p.prioritaires,
    delaiMoyenJours: p.delaiMoyenJours,
    tauxRefus: p.tauxRefus,
  };
}

/** Demand profiles, one per réservataire × year (saving again replaces it). */
export class ProfilDemandeRepository {
  constructor(private readonly db: Db) {}

  async saveProfils(profils: readonly ProfilDemande[]): Promise<void> {
    profils.forEach((p, i) => validateProfil(p, `profils[${i}]`));
    await managerOf(this.db).transaction(async (manager) => {
      for (const p of profils) {
        const [{ id }] = await manager.query<Array<{ id: string }>>(
          `INSERT INTO profil_demande (reservataire_id, annee, quartile1, quartile2, quartile3, quartile4, prioritaires, delai_moyen_jours, taux_refus)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (reservataire_id, annee) DO UPDATE SET quartile1 = EXCLUDED.quartile1, quartile2 = EXCLUDED.quartile2,
             quartile3 = EXCLUDED.quartile3, quartile4 = EXCLUDED.quartile4, prioritaires = EXCLUDED.prioritaires,
             delai_moyen_jours = EXCLUDED.delai_moyen_jours, taux_refus = EXCLUDED.taux_refus, updated_at = now()
           RETURNING id`,
          [p.reservataireId, p.annee, ...p.quartiles, p.prioritaires, p.delaiMoyenJours, p.tauxRefus],
        );
        await manager.delete(ProfilDemandeLigneEntity, { profilDemandeId: id });
        if (p.demandes.length > 0) {
          await manager.query(
            `INSERT INTO profil_demande_ligne (profil_demande_id, rang, commune, typologie, demandeurs)
             SELECT $1, u.rang, u.commune, u.typologie, u.demandeurs
             FROM unnest($2::int[], $3::varchar[], $4::typologie[], $5::int[]) AS u(rang, commune, typologie, demandeurs)`,
            [
              id,
              p.demandes.map((_, i) => i + 1),
              p.demandes.map((d) => orNull(d.commune)),
              p.demandes.map((d) => d.typologie),
              p.demandes.map((d) => d.demandeurs),
            ],
          );
        }
      }
    });
  }

  /** Profiles of the given réservataires for a year. */
  async findProfils(filter: { reservataireIds: readonly string[]; annee: number }): Promise<ProfilDemande[]> {
    const ids = requireScope(filter.reservataireIds, 'reservataireIds');
    if (ids.length === 0) return [];
    const manager = managerOf(this.db);
    const profils = await manager.find(ProfilDemandeEntity, {
      where: { reservataireId: In([...ids]), annee: filter.annee },
      order: { reservataireId: 'ASC' },
    });
    if (profils.length === 0) return [];
    const lignes = await manager.find(ProfilDemandeLigneEntity, {
      where: { profilDemandeId: In(profils.map((p) => p.id)) },
      order: { profilDemandeId: 'ASC', rang: 'ASC' },
    });
    const byProfil = groupBy(lignes, (l) => l.profilDemandeId);
    return profils.map((p) => toProfil(p, byProfil.get(p.id) ?? []));
  }

  /** Profiles of every réservataire holding a convention with one of `bailleurIds`. */
  async findProfilsForBailleurs(filter: { bailleurIds: readonly string[]; annee: number }): Promise<ProfilDemande[]> {
    const scope = requireScope(filter.bailleurIds);
    if (scope.length === 0) return [];
    const rows: Array<{ id: string }> = await managerOf(this.db).query(
      `SELECT DISTINCT reservataire_id AS id FROM convention WHERE bailleur_id = ANY($1::uuid[])`,
      [scope],
    );
    return this.findProfils({ reservataireIds: rows.map((r) => r.id), annee: filter.annee });
  }

  /** How many of these (réservataire, year) profiles exist already. */
  async countExisting(profils: ReadonlyArray<{ reservataireId: string; annee: number }>): Promise<number> {
    const [{ n }] = await managerOf(this.db).query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM "profil_demande" p
       JOIN unnest($1::uuid[], $2::int[]) AS u(reservataire_id, annee) ON p."reservataire_id" = u.reservataire_id AND p."annee" = u.annee`,
      [profils.map((p) => p.reservataireId), profils.map((p) => p.annee)],
    );
    return n;
  }
}
