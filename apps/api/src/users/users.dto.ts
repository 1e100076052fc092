import { booleen, liste, objet, texte, uuid } from '../common/openapi';

export const USER_SCHEMA = objet('Un compte', {
  id: uuid,
  email: texte,
  nom: texte,
  role: texte,
  bailleurIds: liste(uuid),
  reservataireId: uuid,
  active: booleen,
  slackUserId: texte,
});
