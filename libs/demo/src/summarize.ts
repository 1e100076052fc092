/** Headline counts of a demo département, for the README and the boot log. */
import { TYPOLOGIES, type ReservataireKind, type Typologie } from '@aiguillage/engine';
import type { DemoDepartement } from './types';
import { programmesNeufs, estRelouable } from './rotation';
import { round } from './util';

export interface DemoSummary {
  departement: string;
  annee: number;
  seed: number;
  scale: number;
  communes: number;
  epcis: number;
  qpvs: number;
  bailleurs: Array<{ nom: string; logements: number; fluxARepartir: number; objectifs: number }>;
  programmes: number;
  logements: number;
  logementsNeufs: number;
  partQpv: number;
  typologies: Record<Typologie, number>;
  stockDefense: number;
  horsAssiette: { vente: number; demolition: number };
  reservataires: Partial<Record<ReservataireKind, number>>;
  conventions: number;
  liberations: { total: number; rotation: number; neuf: number };
  /** Rotation libérations / re-let flats. */
  tauxRotation: number;
  fluxARepartir: number;
  objectifs: number;
}

export function summarize(demo: DemoDepartement): DemoSummary {
  const neufs = programmesNeufs(demo);
  const relouables = demo.logements.filter((l) => estRelouable(l, neufs)).length;
  const typologies = Object.fromEntries(TYPOLOGIES.map((t) => [t, 0])) as Record<Typologie, number>;
  for (const l of demo.logements) typologies[l.typologie]++;
  const reservataires: Partial<Record<ReservataireKind, number>> = {};
  for (const r of demo.reservataires) reservataires[r.kind] = (reservataires[r.kind] ?? 0) + 1;
  const rotation = demo.liberations.filter((l) => l.kind === 'ROTATION').length;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    departement: `${demo.departement.nom} (${demo.departement.code})`,
    annee: demo.annee,
    seed: demo.parametres.seed,
    scale: demo.parametres.scale,
    communes: demo.communes.length,
    epcis: demo.epcis.length,
    qpvs: demo.qpvs.length,
    bailleurs: demo.bailleurs.map((b) => {
      const ex = demo.exercices.find((e) => e.bailleurId === b.id);
      return {
        nom: b.nom,
        logements: demo.logements.filter((l) => l.bailleurId === b.id).length,
        fluxARepartir: ex?.fluxARepartir ?? 0,
        objectifs: sum(ex?.objectifs.map((o) => o.objectif) ?? []),
      };
    }),
    programmes: demo.programmes.length,
    logements: demo.logements.length,
    logementsNeufs: demo.logements.filter((l) => neufs.has(l.programmeId ?? '')).length,
    partQpv: round(demo.logements.filter((l) => l.qpv).length / demo.logements.length, 3),
    typologies,
    stockDefense: demo.logements.filter((l) => l.stockDefense).length,
    horsAssiette: {
      vente: demo.logements.filter((l) => l.horsAssiette === 'VENTE').length,
      demolition: demo.logements.filter((l) => l.horsAssiette === 'DEMOLITION').length,
    },
    reservataires,
    conventions: demo.conventions.length,
    liberations: { total: demo.liberations.length, rotation, neuf: demo.liberations.length - rotation },
    tauxRotation: round(rotation / relouables, 4),
    fluxARepartir: sum(demo.exercices.map((e) => e.fluxARepartir)),
    objectifs: sum(demo.exercices.flatMap((e) => e.objectifs.map((o) => o.objectif))),
  };
}

/** One readable line per topic, French, for the boot log. */
export function formatSummary(s: DemoSummary): string {
  const pct = (x: number) => `${(x * 100).toFixed(1).replace('.', ',')} %`;
  return [
    `Département de démonstration ${s.departement}, exercice ${s.annee} (graine ${s.seed}, échelle ${s.scale})`,
    `${s.communes} communes, ${s.epcis} EPCI, ${s.qpvs} QPV ; ${s.bailleurs.length} bailleurs, ${s.programmes} programmes, ${s.logements} logements (${pct(s.partQpv)} en QPV, ${s.logementsNeufs} livrés dans l'année, ${s.stockDefense} au stock Défense)`,
    ...s.bailleurs.map(
      (b) => `  ${b.nom} : ${b.logements} logements, flux à répartir ${b.fluxARepartir}, objectifs ${b.objectifs}`,
    ),
    `${Object.values(s.reservataires).reduce((a, b) => a + (b ?? 0), 0)} réservataires, ${s.conventions} conventions ; ${s.liberations.total} libérations (${s.liberations.neuf} premières mises en location), rotation ${pct(s.tauxRotation)}`,
  ].join('\n');
}
