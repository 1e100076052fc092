import { Progress, Table, Text, Title } from '@mantine/core';
import { useCallback, useRef, useState } from 'react';
import { api } from '../api';
import { decompteFr, figureFr, logementsFr, nombreFr, pluriel } from '../format';
import { useChargementEnDirect, useLiveEvents, useSession } from '../session';
import type { LiveEvent } from '../types';
import { EnTete } from './communs';

export interface LigneAvancement {
  conventionId: string;
  reference: string;
  reservataireId: string;
  /** The objective of the real year at the date (the one the recommendation paces on). */
  objectif: number;
  /** The exercice's objective. */
  objectifPrevu: number;
  realise: number;
  attendu: number;
  ecart: number;
  /** Its sub-quotas (the préfet's fonctionnaires): flats proposed, expected at the date, ceiling of the year. */
  sousQuotas?: Array<{ code: string; libelle: string; plafond: number; attendu: number; proposes: number }>;
  progress: { propositions: number; attributions: number; attributionsPrioritaires: number; baux: number };
  /** What `realise` counts (from the progress page; a live event leaves it as read). */
  decompte?: 'PROPOSITION' | 'ATTRIBUTION' | 'BAIL' | 'MIXTE';
  /** MIXTE: the weight of each step (null: equal thirds). */
  poidsDecompte?: { proposition: number; attribution: number; bail: number } | null;
}

/** The CCH L.441-1 target: a quarter of a réservataire's attributions to priority households. */
const CIBLE_PRIORITAIRES = 0.25;

/**
 * A `convention.progress` event: it carries the convention's row of the progress page at the
 * change's date, taken as it is where the page shows that day (`appliquer`), read again otherwise (a
 * decision on a flat freed days ago). Null for any other event.
 */
export function progressionEnDirect(
  event: LiveEvent,
): { conventionId: string; date: string; appliquer: (lignes: LigneAvancement[]) => LigneAvancement[] } | null {
  if (event.type !== 'convention.progress') return null;
  const { conventionId, objectif, objectifPrevu, realise, attendu, ecart, sousQuotas, progress, date } =
    event as unknown as Omit<LigneAvancement, 'reference' | 'reservataireId'> & { date: string };
  return {
    conventionId,
    date,
    appliquer: (lignes) =>
      lignes.map((l) =>
        l.conventionId === conventionId
          ? { ...l, objectif, objectifPrevu, realise, attendu, ecart, sousQuotas, progress }
          : l,
      ),
  };
}

/** The year the progress pages show among the exercices' years: this year's, else the latest. */
export function anneeAffichee(annees: number[]): number {
  const cette = new Date().getFullYear();
  return annees.includes(cette) ? cette : Math.max(...annees);
}

/** Where each convention of the current exercice stands; `convention.progress` moves it live. */
export function Avancement() {
  const { utilisateur } = useSession();
  const [lignes, setLignes] = useState<LigneAvancement[] | null>(null);
  const [noms, setNoms] = useState<Map<string, string>>(new Map());
  const [annee, setAnnee] = useState<number | null>(null);
  /** The day the figures were read at (today): an event computed at another day (an older libération) reads again. */
  const jourLu = useRef<string | null>(null);

  const lire = useCallback(async () => {
    const [exercices, reservataires] = await Promise.all([
      api<Array<{ id: string; bailleurId: string; annee: number }>>('/exercices'),
      api<Array<{ id: string; nom: string }>>('/reservataires'),
    ]);
    const bailleur = utilisateur?.bailleurIds[0];
    const candidats = exercices.filter((e) => e.bailleurId === bailleur);
    const affichee = anneeAffichee(candidats.map((e) => e.annee));
    const courant = candidats.find((e) => e.annee === affichee);
    if (!courant) return setLignes([]);
    const progression = await api<{ annee: number; date: string; conventions: LigneAvancement[] }>(
      `/exercices/${courant.id}/progression`,
    );
    setNoms(new Map(reservataires.map((r) => [r.id, r.nom])));
    setAnnee(progression.annee);
    jourLu.current = progression.date;
    setLignes(progression.conventions);
  }, [utilisateur]);
  const charger = useCallback(() => lire().catch(() => setLignes((l) => l ?? [])), [lire]);
  useChargementEnDirect(charger);

  useLiveEvents((event) => {
    const maj = progressionEnDirect(event);
    if (!maj) return;
    if (maj.date !== jourLu.current) return void charger();
    setLignes((current) => current && maj.appliquer(current));
  });

  if (!lignes || lignes.length === 0) return null;
  return (
    <section aria-labelledby="titre-avancement">
      <Title order={2} size="h4" id="titre-avancement" mt="xl" mb="xs">
        Avancement des conventions {annee ? `(exercice ${annee})` : ''}
      </Title>
      <TableAvancement lignes={lignes} noms={noms} />
    </section>
  );
}

/**
 * One row per convention: what it was proposed, réalisé / objectif, progression, lag or advance at
 * date; with `prioritaires`, its priority households among its attributions against the 25 % target.
 */
export function TableAvancement({
  lignes,
  noms,
  prioritaires = false,
}: {
  lignes: LigneAvancement[];
  noms: Map<string, string>;
  prioritaires?: boolean;
}) {
  return (
    <Table striped data-testid="avancement">
      <EnTete
        titres={[
          'Réservataire et convention',
          'Logements proposés',
          'Réalisé / objectif',
          'Progression',
          'Écart à date',
          ...(prioritaires ? ['Ménages prioritaires'] : []),
        ]}
      />
      <Table.Tbody>
        {lignes.map((l) => (
          <Table.Tr key={l.conventionId} data-convention={l.conventionId}>
            <Table.Td>
              <Text size="sm" data-testid="nom-convention">
                {noms.get(l.reservataireId) ?? 'Réservataire'} — {l.reference}
              </Text>
              {l.sousQuotas?.map((q) => (
                <Text key={q.code} size="xs" c="dark.6" data-testid="sous-quota">
                  dont sous-quota {q.libelle} : {logementsFr(q.proposes)} ({nombreFr(q.attendu)} attendus à date,
                  plafond de l’année {nombreFr(q.plafond)})
                </Text>
              ))}
            </Table.Td>
            <Table.Td data-testid="proposes">{nombreFr(l.progress.propositions)}</Table.Td>
            <Table.Td data-testid="realise">
              {nombreFr(l.realise)} / {nombreFr(l.objectif)}
              {nombreFr(l.objectifPrevu) !== nombreFr(l.objectif) && (
                <Text
                  size="xs"
                  c="dark.6"
                  data-testid="objectif-prevu"
                  title={`Objectif suivant le flux estimé de l'année ; l'exercice en prévoyait ${logementsFr(l.objectifPrevu)}`}
                >
                  {nombreFr(l.objectifPrevu)} prévu{l.objectifPrevu >= 2 ? 's' : ''}
                </Text>
              )}
              <Decompte l={l} />
            </Table.Td>
            <Table.Td w={160}>
              <Progress
                value={l.objectif > 0 ? Math.min(100, (100 * l.realise) / l.objectif) : 0}
                aria-label={`Progression ${l.reference}`}
              />
            </Table.Td>
            <Table.Td data-testid="ecart">
              <Text size="sm" c={l.ecart < -0.5 ? 'red.9' : 'dark'}>
                {l.ecart <= -0.05
                  ? `en retard de ${logementsFr(-l.ecart)}`
                  : l.ecart >= 0.05
                    ? `en avance de ${logementsFr(l.ecart)}`
                    : 'dans les temps'}
              </Text>
            </Table.Td>
            {prioritaires && <CellulePrioritaires progress={l.progress} />}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Under the réalisé, what it counts when it is not the flats proposed (`decompteFr`). */
function Decompte({ l }: { l: LigneAvancement }) {
  const texte = decompteFr(l);
  return texte ? (
    <Text size="xs" c="dark.6" data-testid="decompte">
      {texte}
    </Text>
  ) : null;
}

/** « 3 sur 10 attributions (30 %) », in red under the 25 % target once there are 4 attributions to judge on. */
function CellulePrioritaires({ progress }: { progress: LigneAvancement['progress'] }) {
  const { attributions, attributionsPrioritaires: n } = progress;
  const part = attributions > 0 ? n / attributions : null;
  return (
    <Table.Td data-testid="prioritaires">
      {part === null ? (
        <Text size="sm">aucune attribution</Text>
      ) : (
        <Text size="sm" c={attributions >= 4 && part < CIBLE_PRIORITAIRES ? 'red.9' : 'dark'}>
          {nombreFr(n)} sur {pluriel(attributions, 'attribution')} ({figureFr(part, 'pourcent')})
        </Text>
      )}
    </Table.Td>
  );
}
