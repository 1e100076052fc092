import { Badge, Group, Switch, Table, Text, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { api } from '../api';
import { dateFr, dateHeureFr } from '../format';
import { motifDerogation } from '../libelles';
import { Lien } from '../router';
import { useRechargementEnDirect } from '../session';
import type { LiberationConsole, Page } from '../types';
import { NomDestination, Pages, TableChargee } from './communs';

const PAR_PAGE = 25;

/** The flat in a row: its RPLS id, then in words, linked to its panel (what was decided, by whom, the override's history). */
function Logement({ l }: { l: LiberationConsole }) {
  return (
    <>
      <Lien to={`/liberations/${l.id}`}>
        <Text span fw={600} size="sm">
          {l.logement.rplsId}
        </Text>
      </Lien>
      <Text size="sm">{l.logement.description}</Text>
      <Text size="xs" c="dark.6">
        Libéré le {dateFr(l.date)}
      </Text>
    </>
  );
}

/** Who asked or decided, and when. */
function QuiQuand({ qui, le }: { qui: string; le: string }) {
  return (
    <Table.Td>
      <Text size="sm">{qui}</Text>
      <Text size="xs" c="dark.6">
        {dateHeureFr(le)}
      </Text>
    </Table.Td>
  );
}

function LigneEnAttente({ l }: { l: LiberationConsole }) {
  const d = l.derogationEnAttente!;
  return (
    <Table.Tr data-liberation={l.id}>
      <Table.Td>
        <Logement l={l} />
      </Table.Td>
      <Table.Td>{l.recommandee ? <NomDestination d={l.recommandee} /> : 'Aucune option éligible'}</Table.Td>
      <Table.Td>
        <NomDestination d={d.destination} />
        <Text size="xs">Motif : {motifDerogation(d.motif)}</Text>
      </Table.Td>
      <QuiQuand qui={d.demandeur ?? 'compte supprimé'} le={d.le} />
    </Table.Tr>
  );
}

function LigneDecidee({ l }: { l: LiberationConsole }) {
  const d = l.decision!;
  return (
    <Table.Tr data-liberation={l.id}>
      <Table.Td>
        <Logement l={l} />
      </Table.Td>
      <Table.Td>
        <NomDestination d={d.destination} />
      </Table.Td>
      <Table.Td data-testid="nature-decision">
        {d.derogation ? (
          <>
            <Text size="sm" fw={600} c="orange.9">
              Dérogation{d.motif ? ` — ${motifDerogation(d.motif)}` : ''}
            </Text>
            {d.demandeur && <Text size="xs">Demandée par {d.demandeur}</Text>}
            {l.recommandee && <Text size="xs">Recommandé : {l.recommandee.libelle}</Text>}
          </>
        ) : (
          <Text size="sm" c="green.9">
            Recommandation suivie
          </Text>
        )}
      </Table.Td>
      <QuiQuand qui={d.par ?? 'traitement automatique'} le={d.le} />
    </Table.Tr>
  );
}

/**
 * « Décisions »: the overrides awaiting a manager (the chargé sees his own requests there), then every
 * decision taken, the latest first, each with who took it and whether it followed the recommendation;
 * reloaded once for a burst of live decisions.
 */
export function Decisions() {
  const [page, setPage] = useState(1);
  const [derogations, setDerogations] = useState(false);
  const [attente, setAttente] = useState<Page<LiberationConsole> | null>(null);
  const [decidees, setDecidees] = useState<Page<LiberationConsole> | null>(null);
  const [erreur, setErreur] = useState<string | null>(null);

  const charger = useCallback(async () => {
    try {
      const [a, d] = await Promise.all([
        api<Page<LiberationConsole>>('/console/liberations?statut=EN_ATTENTE_APPROBATION&limit=100'),
        api<Page<LiberationConsole>>(
          `/console/liberations?statut=DECIDEE&derogations=${derogations}&limit=${PAR_PAGE}&offset=${(page - 1) * PAR_PAGE}`,
        ),
      ]);
      setAttente(a);
      setDecidees(d);
      setErreur(null);
    } catch (error) {
      setErreur((error as Error).message);
    }
  }, [page, derogations]);

  useRechargementEnDirect(charger, (e) => e.type === 'orientation.decided' || e.type.startsWith('override.'));

  return (
    <section aria-labelledby="titre-decisions">
      <Title order={2} id="titre-decisions" mb="sm">
        Décisions
      </Title>
      <Title order={3} size="h4" id="titre-attente" mb="xs">
        En attente d’approbation{' '}
        {attente && (
          <Badge ml="xs" color="orange" data-testid="total-attente">
            {attente.total}
          </Badge>
        )}
      </Title>
      <TableChargee
        data={attente}
        erreur={erreur}
        vide="Aucune dérogation en attente d’approbation."
        titreId="titre-attente"
        testId="decisions-en-attente"
        titres={['Logement', 'Recommandé', 'Demandé', 'Demandé par']}
        ligne={(l) => <LigneEnAttente key={l.id} l={l} />}
      />
      <Group justify="space-between" mt="lg" mb="xs">
        <Title order={3} size="h4" id="titre-decidees">
          Décidés{' '}
          {decidees && (
            <Badge ml="xs" data-testid="total-decidees">
              {decidees.total}
            </Badge>
          )}
        </Title>
        <Switch
          label="Dérogations seulement"
          checked={derogations}
          onChange={(e) => {
            setDerogations(e.currentTarget.checked);
            setPage(1);
          }}
        />
      </Group>
      <TableChargee
        data={decidees}
        erreur={null}
        vide={derogations ? 'Aucune dérogation décidée pour l’instant.' : 'Aucune décision pour l’instant.'}
        titreId="titre-decidees"
        testId="decidees"
        titres={['Logement', 'Orienté vers', 'Décision', 'Décidé par']}
        ligne={(l) => <LigneDecidee key={l.id} l={l} />}
      />
      {decidees && (
        <Pages total={decidees.total} parPage={PAR_PAGE} page={page} onChange={setPage} libelle="Pages des décisions" />
      )}
    </section>
  );
}
