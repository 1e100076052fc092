/**
 * How well a flat's typologie fits a réservataire's demand: the demand for this typologie relative
 * to the réservataire's most wanted typologie, in the flat's commune when the profile details it,
 * else on the réservataire's whole territory. 1 = the most wanted size, 0 = nobody asks for it.
 */
import type { Logement, ProfilDemande, Typologie } from '@aiguillage/engine';

export function typologieFit(profil: ProfilDemande | undefined, logement: Logement, defaut: number): number {
  if (!profil || profil.demandes.length === 0) return defaut;
  const local = profil.demandes.filter((d) => d.commune === logement.commune);
  const lines = local.length > 0 ? local : profil.demandes.filter((d) => d.commune === null);
  if (lines.length === 0) return 0;
  const byTypologie = new Map<Typologie, number>();
  for (const d of lines) byTypologie.set(d.typologie, (byTypologie.get(d.typologie) ?? 0) + d.demandeurs);
  const max = Math.max(...byTypologie.values());
  return max > 0 ? (byTypologie.get(logement.typologie) ?? 0) / max : 0;
}

/** The demand profile of each réservataire for the year (the latest earlier one when the year has none). */
export function profilsOfYear(profils: ProfilDemande[], annee: number): Map<string, ProfilDemande> {
  const chosen = new Map<string, ProfilDemande>();
  for (const p of profils) {
    if (p.annee > annee) continue;
    const current = chosen.get(p.reservataireId);
    if (!current || p.annee > current.annee) chosen.set(p.reservataireId, p);
  }
  return chosen;
}
