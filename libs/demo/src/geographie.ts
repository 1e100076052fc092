/** Builds the département's communes, EPCIs and QPVs from the fixed référentiel. */
import type { Commune, Epci } from '@aiguillage/engine';
import { BAILLEURS, COMMUNES, DEPARTEMENT, EPCIS, codesInsee, siren, type CommuneDef } from './referentiel';
import { PART_QPV_CIBLE } from './parametres';
import type { Qpv } from './types';

export interface CommuneInfo {
  def: CommuneDef;
  commune: Commune;
  epciKey: string;
  /** QPV share of the commune's stock, calibrated so the département lands on PART_QPV_CIBLE. */
  partQpv: number;
  qpvs: Array<{ code: string; poids: number }>;
}

export interface Geographie {
  communes: CommuneInfo[];
  epcis: Epci[];
  epciSirenByKey: Map<string, string>;
  qpvs: Qpv[];
}

/** Expected weight of a commune in the whole département's stock (sum over bailleurs of their shares). */
function poidsAttendus(): number[] {
  const totals = COMMUNES.map(() => 0);
  for (const b of BAILLEURS) {
    const w = COMMUNES.map((c) => c.poidsParc * (b.affinites[c.epci] ?? 0));
    const sum = w.reduce((a, x) => a + x, 0);
    w.forEach((x, i) => (totals[i] += (b.logements * x) / sum));
  }
  return totals;
}

export function buildGeographie(): Geographie {
  const dep = DEPARTEMENT.code;
  const epciSirenByKey = new Map(EPCIS.map((e) => [e.key, siren(e.sirenBase)]));
  const epcis: Epci[] = EPCIS.map((e) => ({ siren: epciSirenByKey.get(e.key)!, nom: e.nom, departement: dep }));
  const insee = codesInsee(
    dep,
    COMMUNES.map((c) => c.nom),
  );

  const attendus = poidsAttendus();
  const total = attendus.reduce((a, b) => a + b, 0);
  const qpvBrut = COMMUNES.reduce((a, c, i) => a + attendus[i] * c.partQpv, 0) / total;
  const facteur = PART_QPV_CIBLE / qpvBrut;

  const qpvs: Qpv[] = [];
  const communes: CommuneInfo[] = COMMUNES.map((def) => {
    const code = insee.get(def.nom)!;
    const qpvCodes = def.qpvs.map((q) => {
      const qpv = { code: `QN0${dep}${String(qpvs.length + 1).padStart(3, '0')}`, nom: q.nom, commune: code };
      qpvs.push(qpv);
      return { code: qpv.code, poids: q.poids };
    });
    return {
      def,
      epciKey: def.epci,
      partQpv: Math.min(0.85, def.partQpv * facteur),
      qpvs: qpvCodes,
      commune: {
        insee: code,
        nom: def.nom,
        epci: epciSirenByKey.get(def.epci)!,
        departement: dep,
        tension: def.tension,
      },
    };
  });
  return { communes, epcis, epciSirenByKey, qpvs };
}
