import { Badge, Table, Text, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { api } from '../api';
import { dateFr, dateHeureFr } from '../format';
import { useRechargementEnDirect } from '../session';
import type { Page } from '../types';
import { TableChargee } from './communs';

/** A proposition as `GET /api/propositions` lists it to a réservataire (its own conventions only). */
interface PropositionResume {
  id: string;
  status: 'EN_ATTENTE' | 'CANDIDATS_RECUS';
  conventionReference: string;
  bailleurNom: string;
  sousQuotaNom: string | null;
  rplsId: string;
  communeNom: string | null;
  commune: string;
  adresse: string | null;
  typologie: string;
  financement: string;
  qpv: boolean;
  dateLiberation: string;
  delaiExpireAt: string | null;
}

/** The events that move a réservataire's propositions: a flat proposed, candidates received or decided, a délai. */
const EVENEMENTS = new Set(['orientation.decided', 'designation.updated', 'delai.expiring', 'delai.expired']);

function Ligne({ p }: { p: PropositionResume }) {
  return (
    <Table.Tr data-proposition={p.id}>
      <Table.Td>
        <Text size="sm" fw={600}>
          {p.typologie} {p.financement}, {p.qpv ? 'en QPV' : 'hors QPV'}, {p.communeNom ?? p.commune}
        </Text>
        <Text size="xs" c="dark.6">
          {[p.adresse, `RPLS ${p.rplsId}`, `libéré le ${dateFr(p.dateLiberation)}`].filter(Boolean).join(' · ')}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{p.bailleurNom}</Text>
        <Text size="xs" c="dark.6">
          Convention {p.conventionReference}
          {p.sousQuotaNom ? `, sous-quota ${p.sousQuotaNom}` : ''}
        </Text>
      </Table.Td>
      <Table.Td data-testid="etat-proposition">
        {p.status === 'EN_ATTENTE' ? (
          p.delaiExpireAt ? (
            <>
              <Badge color="orange">Vos candidats sont attendus</Badge>
              <Text size="xs" mt={4}>
                jusqu’au {dateHeureFr(p.delaiExpireAt)} ; sans candidat, le logement revient au bailleur pour ce tour
              </Text>
            </>
          ) : (
            <Text size="sm">Le bailleur désigne les candidats (délégation)</Text>
          )
        ) : (
          <Text size="sm">Candidats reçus, en attente de la commission d’attribution</Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * The flats proposed to the réservataire still in progress, read-only: those awaiting its candidates
 * first, the nearest délai first (the API's order), then those whose candidates await the CAL; live.
 */
export function PropositionsReservataire() {
  const [data, setData] = useState<Page<PropositionResume> | null>(null);
  const [erreur, setErreur] = useState<string | null>(null);

  const charger = useCallback(async () => {
    try {
      const [attente, recus] = await Promise.all(
        ['EN_ATTENTE', 'CANDIDATS_RECUS'].map((s) =>
          api<Page<PropositionResume>>(`/propositions?status=${s}&limit=100`),
        ),
      );
      setData({ items: [...attente.items, ...recus.items], total: attente.total + recus.total });
      setErreur(null);
    } catch (error) {
      setErreur((error as Error).message);
    }
  }, []);

  useRechargementEnDirect(charger, (e) => EVENEMENTS.has(e.type));

  return (
    <section aria-labelledby="titre-propositions">
      <Title order={3} size="h4" id="titre-propositions" mb="xs">
        Logements qui vous sont proposés, en cours{' '}
        {data && (
          <Badge ml="xs" data-testid="total-propositions">
            {data.total}
          </Badge>
        )}
      </Title>
      <TableChargee
        data={data}
        erreur={erreur}
        vide="Aucun logement en cours chez vos bailleurs."
        titreId="titre-propositions"
        testId="propositions"
        titres={['Logement', 'Bailleur et convention', 'Où il en est']}
        ligne={(p) => <Ligne key={p.id} p={p} />}
      />
    </section>
  );
}
