import { Alert, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { dateFr } from '../format';
import { TableAvancement, type LigneAvancement } from './Avancement';

interface Progression {
  exerciceId: string;
  bailleurId: string;
  departement: string;
  annee: number;
  date: string;
  conventions: LigneAvancement[];
}

interface Portail {
  /** The current year's exercices holding one of the réservataire's conventions, by bailleur name. */
  exercices: Array<Progression & { bailleurNom: string }>;
  noms: Map<string, string>;
}

/** The current year's exercices (else the latest year's) with the réservataire's conventions, read as its account sees them. */
async function lirePortail(): Promise<Portail> {
  const [exercices, bailleurs, reservataires] = await Promise.all([
    api<Array<{ id: string; bailleurId: string; annee: number }>>('/exercices'),
    api<Array<{ id: string; nom: string }>>('/bailleurs'),
    api<Array<{ id: string; nom: string }>>('/reservataires'),
  ]);
  const annees = exercices.map((e) => e.annee);
  const annee = annees.includes(new Date().getFullYear()) ? new Date().getFullYear() : Math.max(...annees);
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
  };
}

/**
 * The réservataire's portal, read-only: at each bailleur, where each of its conventions stands at
 * today's date against the objective of the real year (the figures of the bailleur's team).
 */
export function PortailReservataire() {
  const [portail, setPortail] = useState<Portail | null>(null);
  const [erreur, setErreur] = useState<string | null>(null);
  const charger = useCallback(() => {
    setErreur(null);
    lirePortail()
      .then(setPortail)
      .catch((error: Error) => setErreur(error.message));
  }, []);
  useEffect(charger, [charger]);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h2">
          Portail réservataire
        </Title>
        <Button variant="default" onClick={charger}>
          Actualiser
        </Button>
      </Group>
      <Text size="sm">
        L’avancement de vos conventions chez chaque bailleur, en lecture seule : les logements qui vous ont été
        proposés, ce qui compte pour votre objectif de l’année (suivant le flux réellement libéré) et votre avance ou
        votre retard à date.
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
          <Title order={2} size="h4" id={`titre-${e.exerciceId}`} mb={4}>
            {e.bailleurNom} — exercice {e.annee}, département {e.departement}
          </Title>
          <Text size="xs" c="dark.6" mb="xs">
            Chiffres au {dateFr(e.date)}
          </Text>
          <TableAvancement lignes={e.conventions} noms={portail.noms} />
        </section>
      ))}
    </Stack>
  );
}
