import { useEffect, useState } from 'react';
import { api } from './api';
import { departementFr } from './format';
import { nommer } from './libelles';
import type { ConventionNom, Destination, LiberationConsole, LiveEvent, LogementLu, NomsConsole } from './types';

/** Names of the conventions and communes of the session's bailleurs: a live event is shown at once, without a round trip. */
export interface Noms {
  conventions: Map<string, ConventionNom>;
  communes: Map<string, string>;
  /** By code: the name (null: none in the référentiel) and the bailleurs with an exercice there. */
  departements: Map<string, { nom: string | null; bailleurIds: string[] }>;
}

let chargement: Promise<Noms> | null = null;

export function chargerNoms(): Promise<Noms> {
  chargement ??= api<NomsConsole>('/console/noms')
    .then((r) => ({
      conventions: new Map(r.conventions.map((c) => [c.id, c])),
      communes: new Map(r.communes.map((c) => [c.insee, c.nom])),
      departements: new Map(r.departements.map(({ code, ...d }) => [code, d])),
    }))
    .catch((error) => {
      chargement = null;
      throw error;
    });
  return chargement;
}

/** The names once read (null before, or when they cannot be read). */
export function useNoms(): Noms | null {
  const [noms, setNoms] = useState<Noms | null>(null);
  useEffect(() => {
    chargerNoms().then(setNoms, () => setNoms(null));
  }, []);
  return noms;
}

/** A département by its name when the names are read (« Val-de-Loirette (96) »), else its code. */
export function nomDepartement(noms: Noms | null, code: string): string {
  return departementFr(code, noms?.departements.get(code)?.nom);
}

export function oublierNoms(): void {
  chargement = null;
}

/** The queue row of a `recommendation.created` event, before the full row (floor, lift, résidence) is read. */
export function ligneProvisoire(event: LiveEvent, noms: Noms): LiberationConsole {
  const lg = event.logement as {
    id: string;
    rplsId: string;
    commune: string;
    qpv: boolean;
    typologie: string;
    financement: string;
  };
  const communeNom = noms.communes.get(lg.commune) ?? null;
  const logement: LogementLu = {
    ...lg,
    communeNom,
    adresse: null,
    etage: null,
    ascenseur: null,
    pmr: null,
    description: [`${lg.typologie} ${lg.financement}`, lg.qpv ? 'en QPV' : 'hors QPV', communeNom ?? lg.commune].join(
      ', ',
    ),
  };
  const recommandee = event.recommandee as Destination | null;
  return {
    id: event.liberationId as string,
    date: event.date as string,
    motif: '',
    kind: '',
    createdAt: event.at,
    bailleurId: event.bailleurId as string,
    bailleurNom: '',
    statut: 'A_ORIENTER',
    logement,
    recommendationId: event.recommendationId as string,
    recommandee: recommandee ? nommer(recommandee, noms.conventions) : null,
    decision: null,
    derogationEnAttente: null,
  };
}
