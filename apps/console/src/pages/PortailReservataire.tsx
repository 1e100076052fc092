import { Alert, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { api } from '../api';
import { dateFr, dateHeureFr, departementFr } from '../format';
import { useChargementEnDirect, useLiveEvents, useSession } from '../session';
import { anneeAffichee, progressionEnDirect, TableAvancement, type LigneAvancement } from './Avancement';
import { Telechargements } from './bilans/Bilans';
import type { SnapshotResume } from './bilans/types';
import { EnTete } from './communs';
import { PropositionsReservataire } from './PropositionsReservataire';

interface Progression {
  exerciceId: string;
  bailleurId: string;
  departement: string;
  departementNom: string | null;
  annee: number;
  date: string;
  conventions: LigneAvancement[];
}

interface Portail {
  /** The current year's exercices holding one of the réservataire's conventions, by bailleur name. */
  exercices: Array<Progression & { bailleurNom: string }>;
  noms: Map<string, string>;
  /** The annual bilans its bailleurs calculated, newest first. */
  bilans: SnapshotResume[];
  nomsBailleurs: Map<string, string>;
}

/** The current year's exercices (else the latest year's) with the réservataire's conventions, read as its account sees them. */
async function lirePortail(): Promise<Portail> {
  const [exercices, bailleurs, reservataires, bilans] = await Promise.all([
    api<Array<{ id: string; bailleurId: string; annee: number }>>('/exercices'),
    api<Array<{ id: string; nom: string }>>('/bailleurs'),
    api<Array<{ id: string; nom: string }>>('/reservataires'),
    api<SnapshotResume[]>('/bilans'),
  ]);
  const annee = anneeAffichee(exercices.map((e) => e.annee));
  const nomsBailleurs = new Map(bailleurs.map((b) => [b.id, b.nom]));
  const progressions = await Promise.all(
    exercices.filter((e) => e.annee === annee).map((e) => api<Progression>(`/exercices/${e.id}/progression`)),
  );
  return {
    exercices: progressions
      .filter((p) => p.conventions.length > 0)
      .map((p) => ({ ...p, bailleurNom: nomsBailleurs.get(p.bailleurId) ?? 'Bailleur' }))
      .sort((a, b) => a.bailleurNom.localeCompare(b.bailleurNom, 'fr')),
    noms: new Map(reservataires.map((r) => [r.id, r.nom])),
    bilans: [...bilans].sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    nomsBailleurs,
  };
}

/** The bilans of its bailleurs, each with its own part to download (its conventions only). */
function BilansDuReservataire({ portail, reservataireId }: { portail: Portail; reservataireId: string }) {
  return (
    <section aria-labelledby="titre-bilans">
      <Title order={3} size="h4" id="titre-bilans" mb="xs">
        Vos bilans annuels
      </Title>
      {portail.bilans.length === 0 ? (
        <Text size="sm">Aucun bilan calculé par vos bailleurs pour l’instant.</Text>
      ) : (
        <Table striped data-testid="bilans">
          <EnTete titres={['Année', 'Bailleur', 'Département', 'Calculé le', 'Votre bilan']} />
          <Table.Tbody>
            {portail.bilans.map((b) => {
              const bailleur = portail.nomsBailleurs.get(b.bailleurId) ?? 'Bailleur';
              return (
                <Table.Tr key={b.id}>
                  <Table.Td>{b.annee}</Table.Td>
                  <Table.Td>{bailleur}</Table.Td>
                  <Table.Td>{departementFr(b.departement, b.departementNom)}</Table.Td>
                  <Table.Td>{dateHeureFr(b.createdAt)}</Table.Td>
                  <Table.Td>
                    <Telechargements
                      chemin={`/bilans/${b.id}/reservataires/${reservataireId}`}
                      annee={b.annee}
                      titre={`bilan ${b.annee} chez ${bailleur}`}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}

/**
 * The réservataire's portal, read-only: at each bailleur, where each of its conventions stands at
 * today's date against the objective of the real year (the figures of the bailleur's team), moved
 * live by `convention.progress`; the flats proposed to it still in progress (its candidates awaited
 * until the délai, or before the CAL); and its part of each bilan.
 */
export default function PortailReservataire() {
  const { utilisateur } = useSession();
  const [portail, setPortail] = useState<Portail | null>(null);
  const [erreur, setErreur] = useState<string | null>(null);
  const charger = useCallback(() => {
    setErreur(null);
    lirePortail()
      .then(setPortail)
      .catch((error: Error) => setErreur(error.message));
  }, []);
  useChargementEnDirect(charger);

  // Its conventions' figures move live: a decision, an attribution or a lease at one of its bailleurs.
  useLiveEvents((event) => {
    const maj = progressionEnDirect(event);
    const exercice =
      maj && portail?.exercices.find((e) => e.conventions.some((l) => l.conventionId === maj.conventionId));
    if (!maj || !exercice) return;
    if (maj.date !== exercice.date) return void charger();
    setPortail(
      (p) =>
        p && {
          ...p,
          exercices: p.exercices.map((e) =>
            e.exerciceId === exercice.exerciceId ? { ...e, conventions: maj.appliquer(e.conventions) } : e,
          ),
        },
    );
  });

  const nomReservataire = utilisateur?.reservataireId && portail?.noms.get(utilisateur.reservataireId);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Title order={2} size="h2">
          Portail réservataire{nomReservataire ? ` — ${nomReservataire}` : ''}
        </Title>
        <Button variant="default" onClick={charger} style={{ flexShrink: 0 }}>
          Actualiser
        </Button>
      </Group>
      <Text size="sm">
        L’avancement de vos conventions chez chaque bailleur, en lecture seule : les logements qui vous ont été
        proposés, ce qui compte pour votre objectif de l’année (suivant le flux réellement libéré), votre avance ou
        votre retard à date, vos ménages prioritaires parmi vos attributions (objectif : un quart, CCH L.441-1), et les
        logements qui vous sont proposés en cours, avec le délai de vos candidats.
      </Text>
      {erreur && (
        <Alert color="red" title="Lecture impossible">
          {erreur}
        </Alert>
      )}
      {!portail && !erreur && <Loader aria-label="Chargement" />}
      {portail && portail.exercices.length === 0 && <Text>Aucune convention en vigueur cette année.</Text>}
      {portail?.exercices.map((e) => (
        <section key={e.exerciceId} aria-labelledby={`titre-${e.exerciceId}`} data-testid="bailleur">
          <Title order={3} size="h4" id={`titre-${e.exerciceId}`} mb={4}>
            {e.bailleurNom} — exercice {e.annee}, {departementFr(e.departement, e.departementNom)}
          </Title>
          <Text size="xs" c="dark.6" mb="xs">
            Chiffres au {dateFr(e.date)}
          </Text>
          <TableAvancement lignes={e.conventions} noms={portail.noms} prioritaires />
        </section>
      ))}
      <PropositionsReservataire />
      {portail && utilisateur?.reservataireId && (
        <BilansDuReservataire portail={portail} reservataireId={utilisateur.reservataireId} />
      )}
    </Stack>
  );
}
