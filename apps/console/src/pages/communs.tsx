import { Alert, Loader, Pagination, Paper, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../api';
import { dateHeureFr } from '../format';
import type { DestinationNommee, EtapeDerogation, Page } from '../types';

/** An override's steps: who asked, approved or rejected it, when, and why. */
export function HistoriqueDerogation({
  etapes,
  bulletSize,
  mt,
}: {
  etapes: EtapeDerogation[];
  bulletSize: number;
  mt?: string;
}) {
  return (
    <Timeline mt={mt} bulletSize={bulletSize}>
      {etapes.map((e) => (
        <Timeline.Item
          key={`${e.statut}-${e.le}`}
          title={`${e.statut === 'PENDING' ? 'Demandée' : e.statut === 'APPROVED' ? 'Approuvée' : 'Rejetée'} par ${e.par ?? '?'}`}
        >
          <Text size="xs">
            {dateHeureFr(e.le)}
            {e.commentaire ? ` — ${e.commentaire}` : ''}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

/** A destination in a table: the réservataire by name, its convention (and sub-quota) beneath; else its label. */
export function NomDestination({ d }: { d: DestinationNommee }) {
  return (
    <>
      <Text size="sm" fw={600}>
        {d.reservataireNom ?? d.libelle}
      </Text>
      {d.conventionReference && (
        <Text size="xs" c="dark.6">
          Convention {d.conventionReference}
          {d.sousQuotaNom ? `, sous-quota ${d.sousQuotaNom}` : ''}
        </Text>
      )}
    </>
  );
}

/** A table's head: one header cell per title. */
export function EnTete({ titres }: { titres: string[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {titres.map((titre) => (
          <Table.Th key={titre}>{titre}</Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}

/** A loaded list: its error, a loader until it comes, a sentence when it is empty, else its items. */
export function ListeChargee<T>({
  data,
  erreur,
  vide,
  children,
}: {
  data: Page<T> | null;
  erreur: string | null;
  vide: string;
  children: (items: T[]) => ReactNode;
}) {
  return (
    <>
      {erreur && <Alert color="red">{erreur}</Alert>}
      {!data ? (
        <Loader aria-label="Chargement" />
      ) : data.items.length === 0 ? (
        <Text>{vide}</Text>
      ) : (
        children(data.items)
      )}
    </>
  );
}

/** A loaded list as a table named by a heading (`titreId`): the column titles, then one row per item. */
export function TableChargee<T>({
  data,
  erreur,
  vide,
  titreId,
  testId,
  titres,
  ligne,
}: {
  data: Page<T> | null;
  erreur: string | null;
  vide: string;
  titreId: string;
  testId: string;
  titres: string[];
  ligne: (item: T) => ReactNode;
}) {
  return (
    <ListeChargee data={data} erreur={erreur} vide={vide}>
      {(items) => (
        <Table.ScrollContainer minWidth={760}>
          <Table striped aria-labelledby={titreId} data-testid={testId}>
            <EnTete titres={titres} />
            <Table.Tbody>{items.map(ligne)}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </ListeChargee>
  );
}

/**
 * A form's sending state: `envoyer(action)` clears the last error, marks the form as sending, runs
 * the action and keeps its failure as an ApiError (the API's French reasons, field by field).
 */
export function useEnvoi() {
  const [erreur, setErreur] = useState<ApiError | null>(null);
  const [envoi, setEnvoi] = useState(false);
  async function envoyer(action: () => Promise<unknown>): Promise<void> {
    setEnvoi(true);
    setErreur(null);
    try {
      await action();
    } catch (error) {
      setErreur(error instanceof ApiError ? error : new ApiError(0, String(error)));
    } finally {
      setEnvoi(false);
    }
  }
  return { erreur, setErreur, envoi, envoyer };
}

/**
 * A field of a form sent to the API: its value, and `props` binding an input (text, select, textarea)
 * to that value and to the API's reason when it refused the field named `nom`.
 */
export function useChamp(nom: string, erreur: ApiError | null, initial = '') {
  const [valeur, setValeur] = useState(initial);
  const props = {
    value: valeur,
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
      setValeur(e.currentTarget.value),
    error: erreur?.champ(nom),
  };
  return { valeur, setValeur, props };
}

/** A form in its bordered card, named by its heading (`id` ties them for assistive technologies). */
export function Formulaire({
  id,
  titre,
  onSubmit,
  testId,
  children,
}: {
  id: string;
  titre: string;
  onSubmit: (e: FormEvent) => Promise<void>;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      aria-labelledby={id}
      data-testid={testId}
    >
      <Stack>
        <Title order={3} size="h4" id={id}>
          {titre}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

const CONTROLES = { first: 'Première page', previous: 'Page précédente', next: 'Page suivante', last: 'Dernière page' };

/** Page controls of a list of `total` items, `parPage` a page, labelled in French; none on a single page. */
export function Pages({
  total,
  parPage,
  page,
  onChange,
  libelle,
}: {
  total: number;
  parPage: number;
  page: number;
  onChange: (page: number) => void;
  libelle: string;
}) {
  if (total <= parPage) return null;
  return (
    <Pagination
      mt="md"
      total={Math.ceil(total / parPage)}
      value={page}
      onChange={onChange}
      aria-label={libelle}
      getControlProps={(control) => ({ 'aria-label': CONTROLES[control] })}
      getItemProps={(n) => ({ 'aria-label': `Page ${n}` })}
    />
  );
}
