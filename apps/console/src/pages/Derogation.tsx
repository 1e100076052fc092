import { Alert, Button, Group, NativeSelect, Textarea } from '@mantine/core';
import type { FormEvent } from 'react';
import { MOTIFS_DEROGATION } from '../libelles';
import type { OptionConsole } from '../types';
import { Formulaire, useChamp, useEnvoi } from './communs';

export interface DemandeDerogation {
  destination: OptionConsole['destination']['destination'];
  motif: string;
  commentaire?: string;
}

/** « Déroger… »: destination among the eligible options, motif, commentaire; says beforehand if a manager must approve. */
export function FormulaireDerogation({
  options,
  envoyer: envoyerDemande,
  annuler,
}: {
  options: OptionConsole[];
  envoyer: (d: DemandeDerogation) => Promise<void>;
  annuler: () => void;
}) {
  const choix = options.filter((o) => o.eligible && !o.recommandee);
  const { erreur, envoi, envoyer } = useEnvoi();
  const rang = useChamp('destination', erreur, choix[0] ? String(choix[0].rang) : '');
  const motif = useChamp('motif', erreur);
  const commentaire = useChamp('commentaire', erreur);
  const option = choix.find((o) => String(o.rang) === rang.valeur);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!option) return;
    await envoyer(() =>
      envoyerDemande({
        destination: option.destination.destination,
        motif: motif.valeur,
        ...(commentaire.valeur.trim() ? { commentaire: commentaire.valeur.trim() } : {}),
      }),
    );
  }

  if (choix.length === 0)
    return (
      <Alert color="gray">Aucune autre option éligible : la recommandation est la seule destination possible.</Alert>
    );
  const autres =
    erreur && erreur.erreurs.filter((e) => !['destination', 'motif', 'commentaire'].some((c) => e.champ.startsWith(c)));
  return (
    <Formulaire
      id="titre-derogation"
      titre="Déroger à la recommandation"
      onSubmit={submit}
      testId="formulaire-derogation"
    >
      <NativeSelect
        label="Destination"
        {...rang.props}
        data={choix.map((o) => ({ value: String(o.rang), label: o.destination.libelle }))}
        autoFocus
      />
      {option?.approbation && (
        <Alert
          color={option.approbation.requise ? 'orange' : 'green'}
          data-testid="approbation-requise"
          title={option.approbation.requise ? "Approbation d'un responsable nécessaire" : 'Sans approbation'}
        >
          {option.approbation.requise
            ? option.approbation.motifs.join(' ; ')
            : 'Cette dérogation sera décidée aussitôt.'}
        </Alert>
      )}
      <NativeSelect
        label="Motif"
        {...motif.props}
        data={[
          { value: '', label: 'Choisir un motif…' },
          ...Object.entries(MOTIFS_DEROGATION).map(([value, label]) => ({
            value,
            label: value === 'AUTRE' ? `${label} (commentaire obligatoire)` : label,
          })),
        ]}
      />
      <Textarea
        label="Commentaire"
        description={motif.valeur === 'AUTRE' ? 'Obligatoire pour le motif « Autre »' : 'Facultatif'}
        {...commentaire.props}
        autosize
        minRows={2}
      />
      {erreur && (autres?.length || erreur.erreurs.length === 0) ? (
        <Alert color="red" role="alert">
          {erreur.message}
          {autres?.map((e) => ` — ${e.champ} : ${e.raison}`)}
        </Alert>
      ) : null}
      <Group>
        <Button type="submit" color="orange" loading={envoi}>
          Envoyer la dérogation
        </Button>
        <Button variant="default" onClick={annuler}>
          Annuler
        </Button>
      </Group>
    </Formulaire>
  );
}
