import { Badge, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useRef, useState } from 'react';
import { api } from '../api';
import { dateFr, nombreFr, pluriel } from '../format';
import { chargerNoms, type Noms } from '../noms';
import { nomSousQuota } from '../libelles';
import { useChargementEnDirect, useLiveEvents } from '../session';
import type { Page } from '../types';
import { EnTete, ListeChargee, Pages } from './communs';

/** A proposition of `GET /api/propositions` (the fields this page reads). */
interface PropositionListee {
  id: string;
  conventionId: string;
  sousQuota: string | null;
  commune: string;
  typologie: string;
  qpv: boolean;
  dateLiberation: string;
  delaiExpireAt: string | null;
}

/** A candidate of `GET /api/propositions/:id`, with the order the engine advises the CAL (staff only). */
interface CandidatConseille {
  id: string;
  numeroSne: string;
  rang: number;
  tailleMenage: number;
  quartile: number;
  prioritaire: boolean;
  rangConseille?: number;
  motifsConseil?: string[];
}

interface PropositionCal extends PropositionListee {
  horsFlux: boolean;
  candidats: CandidatConseille[];
}

/** Flats shown per page (the details of those only are read). */
const PAR_PAGE = 20;

const quartileFr = (q: number) => `${q === 1 ? '1er' : `${q}e`} quartile`;
const personnesFr = (n: number) => pluriel(n, 'personne');

/** The candidates in the order advised to the CAL, then those without advice in the réservataire's order. */
function ordreConseille(candidats: CandidatConseille[]): CandidatConseille[] {
  const cle = (c: CandidatConseille) => c.rangConseille ?? Number.MAX_SAFE_INTEGER;
  return [...candidats].sort((a, b) => cle(a) - cle(b) || a.rang - b.rang);
}

/**
 * A candidate's line without a reason of its own: its rank kept, or placed after one the convention
 * needs. `qui`: whose order the list is in (« du réservataire », or « du bailleur » under délégation).
 */
function pourquoiSansMotif(c: CandidatConseille, conseil: boolean, qui: string): string {
  // Advice given to the others: this one is out of the running (refused by the CAL or having refused the flat).
  if (c.rangConseille === undefined) return conseil ? 'Plus en lice (refus)' : '—';
  if (c.rangConseille === c.rang) return `Rang ${qui} gardé`;
  return c.rangConseille > c.rang
    ? 'Placé après un candidat qui répond à un objectif de la convention'
    : 'Avancé : un candidat placé avant lui est passé après';
}

function Proposition({ p, noms }: { p: PropositionCal; noms: Noms }) {
  const convention = noms.conventions.get(p.conventionId);
  const commune = noms.communes.get(p.commune) ?? p.commune;
  const conseil = p.candidats.some((c) => c.rangConseille !== undefined);
  const change = p.candidats.some((c) => (c.motifsConseil ?? []).length > 0);
  const titre = `${p.typologie} à ${commune}, ${p.qpv ? 'en QPV' : 'hors QPV'}`;
  // A DIRECTE réservataire presents its candidates within a délai; under délégation the bailleur designates them.
  const qui = p.delaiExpireAt ? 'du réservataire' : 'du bailleur';
  return (
    <Paper
      withBorder
      p="md"
      component="article"
      aria-label={`Logement ${titre}`}
      data-testid="proposition-cal"
      data-proposition={p.id}
    >
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h5">
            {titre}
          </Title>
          {conseil ? (
            <Badge color={change ? 'orange' : 'green'} data-testid="badge-ordre">
              {change ? 'Ordre modifié par le conseil' : `Ordre ${qui} gardé`}
            </Badge>
          ) : (
            <Badge color="gray">Sans conseil (hors flux)</Badge>
          )}
        </Group>
        <Text size="sm" data-testid="convention-cal">
          {convention ? `${convention.reservataireNom} — convention ${convention.reference}` : 'Convention inconnue'}
          {p.sousQuota ? `, sous-quota ${nomSousQuota(convention, p.sousQuota)}` : ''}
        </Text>
        <Text size="sm">
          Libéré le {dateFr(p.dateLiberation)} ; candidats{' '}
          {p.delaiExpireAt ? 'présentés par le réservataire' : 'désignés par le bailleur (délégation)'}.
        </Text>
        <Table striped className="table-cal" data-testid="candidats-cal">
          <colgroup>
            <col span={2} className="col-rang" />
            <col className="col-sne" />
            <col span={3} className="col-menage" />
            <col />
          </colgroup>
          <EnTete
            titres={[
              'Rang conseillé',
              `Rang ${qui}`,
              'Candidat (n° SNE)',
              'Quartile',
              'Prioritaire',
              'Taille du ménage',
              'Pourquoi ce rang',
            ]}
          />
          <Table.Tbody>
            {ordreConseille(p.candidats).map((c) => (
              <Table.Tr key={c.id} data-testid="candidat-cal" data-sne={c.numeroSne}>
                <Table.Td data-testid="rang-conseille">
                  <strong>{c.rangConseille ?? '—'}</strong>
                </Table.Td>
                <Table.Td data-testid="rang-reservataire">{c.rang}</Table.Td>
                <Table.Td>{c.numeroSne}</Table.Td>
                <Table.Td>{quartileFr(c.quartile)}</Table.Td>
                <Table.Td>{c.prioritaire ? 'Oui' : 'Non'}</Table.Td>
                <Table.Td>{personnesFr(c.tailleMenage)}</Table.Td>
                <Table.Td data-testid="motifs-conseil">
                  {(c.motifsConseil ?? []).length > 0 ? (
                    <List size="sm">
                      {c.motifsConseil!.map((m) => (
                        <List.Item key={m}>{m}</List.Item>
                      ))}
                    </List>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {pourquoiSansMotif(c, conseil, qui)}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}

/**
 * « Préparation CAL »: the propositions whose candidates await the CAL, each with its candidates in
 * the order the engine advises (the réservataire's unless its convention lacks priority or quartile
 * households) and the reasons when that order changed. Paged (`PAR_PAGE`), the details read for the
 * page shown; read again when a proposition moves, the page brought back to the last one when the list shrinks.
 */
export function PreparationCal() {
  const [page, setPage] = useState(1);
  // `premier`: the rank of the page's first flat, kept with the items it was read with.
  const [data, setData] = useState<(Page<PropositionCal> & { premier: number }) | null>(null);
  const [noms, setNoms] = useState<Noms | null>(null);
  const [erreur, setErreur] = useState<string | null>(null);
  // The latest read only is shown: an answer for a page left meanwhile is dropped.
  const derniere = useRef(0);

  const charger = useCallback(async () => {
    const lecture = ++derniere.current;
    try {
      const [liste, lus] = await Promise.all([
        api<Page<PropositionListee>>(
          `/propositions?status=CANDIDATS_RECUS&limit=${PAR_PAGE}&offset=${(page - 1) * PAR_PAGE}`,
        ),
        chargerNoms(),
      ]);
      if (liste.items.length === 0 && page > 1) {
        // The list shrank under this page: the last page that has flats (read again on the change).
        if (lecture === derniere.current) setPage(Math.max(1, Math.ceil(liste.total / PAR_PAGE)));
        return;
      }
      const details = await Promise.all(
        liste.items.map((p) => api<Omit<PropositionCal, keyof PropositionListee>>(`/propositions/${p.id}`)),
      );
      if (lecture !== derniere.current) return;
      setNoms(lus);
      setData({
        premier: (page - 1) * PAR_PAGE + 1,
        total: liste.total,
        items: liste.items.map((p, i) => ({ ...p, horsFlux: details[i].horsFlux, candidats: details[i].candidats })),
      });
      setErreur(null);
    } catch (error) {
      if (lecture === derniere.current) setErreur((error as Error).message);
    }
  }, [page]);

  useChargementEnDirect(charger);
  useLiveEvents((event) => {
    if (event.type === 'designation.updated') void charger();
  });

  return (
    <section aria-labelledby="titre-cal">
      <Title order={2} id="titre-cal" mb="xs">
        Préparation CAL{' '}
        {data ? (
          <Badge size="lg" data-testid="total-cal">
            {nombreFr(data.total)}
          </Badge>
        ) : null}
      </Title>
      <Text size="sm" mb="md">
        Les logements dont les candidats attendent la commission d’attribution, avec l’ordre conseillé : celui du
        réservataire, sauf quand sa convention manque de ménages prioritaires ou du quartile attendu.
      </Text>
      {data && noms && data.items.length > 0 && (
        <Text size="sm" fw={600} mb="sm" data-testid="plage-cal">
          Logements {nombreFr(data.premier)} à {nombreFr(data.premier + data.items.length - 1)} sur{' '}
          {nombreFr(data.total)}
        </Text>
      )}
      <ListeChargee data={noms ? data : null} erreur={erreur} vide="Aucun candidat n’attend la CAL.">
        {(items) => (
          <Stack>
            {items.map((p) => (
              <Proposition key={p.id} p={p} noms={noms!} />
            ))}
          </Stack>
        )}
      </ListeChargee>
      {data && (
        <Pages
          total={data.total}
          parPage={PAR_PAGE}
          page={page}
          onChange={setPage}
          libelle="Pages de la préparation CAL"
        />
      )}
    </section>
  );
}
