import { Badge, Group, List, Paper, Stack, Text } from '@mantine/core';
import { figureFr, logementsFr } from '../format';
import type { OptionConsole, RaisonLue } from '../types';

function Raisons({ titre, raisons, classe }: { titre: string; raisons: RaisonLue[]; classe: string }) {
  if (raisons.length === 0) return null;
  return (
    <div>
      <Text size="sm" fw={600}>
        {titre}
      </Text>
      <List size="sm" spacing={2}>
        {raisons.map((r) => (
          <List.Item key={r.texte} className={classe}>
            {r.texte}
            {r.valeur !== null && (
              <Badge variant="light" color="gray" ml={6} size="sm" tt="none">
                {figureFr(r.valeur, r.unite)}
              </Badge>
            )}
          </List.Item>
        ))}
      </List>
    </div>
  );
}

/** One option of the decision panel: names, lag, reasons for and against, the rules it breaks. */
export function OptionCarte({ option }: { option: OptionConsole }) {
  return (
    <Paper
      withBorder
      p="sm"
      data-testid={option.recommandee ? 'option-recommandee' : 'option'}
      bg={option.recommandee ? 'indigo.0' : undefined}
    >
      <Stack gap={6}>
        {(option.recommandee || !option.eligible) && (
          <Group>
            {option.recommandee && <Badge color="indigo">Recommandée</Badge>}
            {!option.eligible && <Badge color="red">Exclue</Badge>}
          </Group>
        )}
        <Text fw={700}>
          {option.rang}. {option.destination.libelle}
        </Text>
        {option.retard !== null && (
          <Text size="sm">
            Convention{' '}
            {option.retard > 0.05
              ? `en retard de ${logementsFr(option.retard)}`
              : option.retard < -0.05
                ? `en avance de ${logementsFr(-option.retard)}`
                : 'dans les temps'}{' '}
            sur sa progression attendue
          </Text>
        )}
        {option.pourquoiSecond && (
          <Text size="sm" fs="italic" data-testid="pourquoi-second">
            {option.pourquoiSecond}
          </Text>
        )}
        <Raisons titre="Pour" raisons={option.pour} classe="raison-pour" />
        <Raisons titre="Contre" raisons={option.contre} classe="raison-contre" />
        {option.reglesImperatives.length > 0 && (
          <Text size="sm" c="red.9">
            Impossible : {option.reglesImperatives.join(' ; ')}
          </Text>
        )}
        {option.reglesSouples.length > 0 && (
          <Text size="sm" className="regle-souple">
            Règle souple non respectée : {option.reglesSouples.join(' ; ')}
          </Text>
        )}
        {option.approbation && (
          <Text size="sm" c="dark.6">
            {option.approbation.requise
              ? `La choisir demande l'approbation d'un responsable : ${option.approbation.motifs.join(' ; ')}`
              : 'La choisir ne demande pas d’approbation.'}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
