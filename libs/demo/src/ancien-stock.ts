/**
 * Each flat's former stock holder (`ancienReservataireId`), consistent with the stock shares the
 * conventions were converted from; and the territory test shared by the generator.
 */
import type { Convention, Logement, ReservataireKind, Territoire } from '@aiguillage/engine';
import { echantillonPondere, type Rng } from './random';
import type { PrevisionBailleur, ReservatairesDemo } from './reservations';

/** Does a flat lie within a territory (empty lists: the whole département)? */
export function dansTerritoire(
  l: Pick<Logement, 'commune' | 'epci' | 'departement'>,
  t: Territoire | null | undefined,
): boolean {
  if (!t) return true;
  if (t.departement && t.departement !== l.departement) return false;
  if (t.communes?.length && !t.communes.includes(l.commune)) return false;
  if (t.epcis?.length && !t.epcis.includes(l.epci ?? '')) return false;
  return true;
}

/**
 * Former stock holders. Each convention's stock is the share it was converted from (scenario 1 of
 * the guides: reserved flats / patrimoine; droits uniques: rights a year / turnover), drawn on the
 * flats of its territory. The stock was not spread evenly: the préfet's reserved flats sat mostly in
 * the old estates and QPV, Action Logement's in recent hors-QPV buildings — the imbalance the
 * reform corrects, and what the "stock" baseline strategy reproduces.
 */
export function attribuerAncienStock(
  rng: Rng,
  logements: Logement[],
  conventions: Convention[],
  reservataires: ReservatairesDemo,
  previsions: PrevisionBailleur[],
  programmesNeufs: ReadonlySet<string>,
): void {
  const kindOf = new Map(reservataires.liste.map((r) => [r.id, r]));
  const ordre: ReservataireKind[] = ['COMMUNE', 'ORGANISME', 'EMPLOYEUR', 'EPCI', 'DEPARTEMENT', 'ALS', 'ETAT'];
  const defense = reservataires.parCode.get('DEFENSE')!;
  for (const p of previsions) {
    const pool = logements.filter((l) => l.bailleurId === p.bailleurId && !programmesNeufs.has(l.programmeId ?? ''));
    for (const l of pool) if (l.stockDefense) l.ancienReservataireId = defense.id;
    const horsDefense = pool.filter((l) => !l.stockDefense);
    const parCommune = new Map<string, Logement[]>();
    const parEpci = new Map<string, Logement[]>();
    for (const l of horsDefense) {
      (parCommune.get(l.commune) ?? parCommune.set(l.commune, []).get(l.commune)!).push(l);
      const e = l.epci ?? '';
      (parEpci.get(e) ?? parEpci.set(e, []).get(e)!).push(l);
    }
    const dansZone = (t: Territoire): Logement[] =>
      t.communes?.length
        ? t.communes.flatMap((c) => parCommune.get(c) ?? []).filter((l) => dansTerritoire(l, t))
        : t.epcis?.length
          ? t.epcis.flatMap((e) => parEpci.get(e) ?? []).filter((l) => dansTerritoire(l, t))
          : horsDefense;
    const convs = conventions
      .filter((c) => c.bailleurId === p.bailleurId && kindOf.get(c.reservataireId)!.kind !== 'DEFENSE')
      .sort(
        (a, b) => ordre.indexOf(kindOf.get(a.reservataireId)!.kind) - ordre.indexOf(kindOf.get(b.reservataireId)!.kind),
      );
    for (const c of convs) {
      const r = kindOf.get(c.reservataireId)!;
      const zone = dansZone(r.territoire);
      const eligibles = zone.filter((l) => l.ancienReservataireId === null);
      const total = zone.length;
      const cible =
        c.cible.type === 'TAUX'
          ? Math.round(c.cible.taux * total)
          : Math.round(c.cible.nombre / c.cible.annees / Math.max(0.01, p.rotation));
      const poids = (l: Logement): number => {
        const ancien = (l.anneeConstruction ?? 2000) < 1980;
        if (r.kind === 'ETAT') return (l.qpv ? 1.8 : 1) * (ancien ? 1.3 : 1);
        if (r.kind === 'ALS')
          return (l.qpv ? 0.6 : 1.2) * (ancien ? 0.8 : 1.3) * (l.typologie === 'T2' || l.typologie === 'T3' ? 1.2 : 1);
        return 1;
      };
      for (const l of echantillonPondere(rng, eligibles, poids, cible)) l.ancienReservataireId = r.id;
    }
  }
}
