import { Injectable } from '@nestjs/common';
import { check, UserRepository, type AppUser } from '@aiguillage/persistence';
import type { AccessScope } from '../platform/auth/access-scope';
import { scopeOfUser } from '../platform/auth/auth.service';
import { AccesInterditError, ConflitError, IntrouvableError } from '../errors/domain-errors';
import type { LierCompteSlack } from './commands';

/** A Slack user the bot cannot act for: said to that user alone, in French; nothing happens. */
export class CompteSlackError extends Error {}

/**
 * Slack user ↔ account: the stored Slack user id first (`app_user.slack_user_id`); else the e-mail
 * of the Slack profile (`users.info`), which links the account on first use. An ADMIN links or
 * unlinks by hand (when the e-mails differ, or to cut an access); an unlink is remembered
 * (`slack_unlinked_at`): that account is no longer linked by e-mail, only by an ADMIN's link.
 */
@Injectable()
export class SlackComptesService {
  constructor(private readonly users: UserRepository) {}

  /** The account and scope behind a Slack user; `emailDe` asks Slack only when no link is stored. */
  async compteDe(
    slackUserId: string,
    emailDe: () => Promise<string | null>,
  ): Promise<{ scope: AccessScope; nom: string; user: AppUser }> {
    let user = await this.users.findUserBySlackId(slackUserId);
    if (!user) {
      const email = await emailDe();
      if (!email)
        throw new CompteSlackError(
          "votre profil Slack n'a pas d'adresse e-mail visible : demandez à un administrateur d'associer votre compte Aiguillage",
        );
      user = await this.users.findUserByEmail(email);
      if (!user || !user.active)
        throw new CompteSlackError(
          `aucun compte Aiguillage actif pour l'adresse ${email} : demandez à un administrateur de vous associer`,
        );
      if (user.slackUserId && user.slackUserId !== slackUserId)
        throw new CompteSlackError(`le compte Aiguillage ${email} est déjà associé à un autre utilisateur Slack`);
      if (!(await this.users.linkSlackIfFree(user.id, slackUserId)))
        throw new CompteSlackError(
          `le compte Aiguillage ${email} a été dissocié de Slack par un administrateur : demandez-lui de l'associer à nouveau`,
        );
    }
    if (!user.active) throw new CompteSlackError('votre compte Aiguillage est désactivé');
    return { scope: scopeOfUser(user), nom: user.nom, user };
  }

  /** ADMIN: links an account of its bailleurs to a Slack user id. */
  async lier(
    scope: AccessScope,
    userId: string,
    { slackUserId: id }: LierCompteSlack,
  ): Promise<{ userId: string; slackUserId: string | null }> {
    await this.visible(scope, userId);
    const autre = await this.users.emailOfOtherSlackLink(id, userId);
    if (autre) throw new ConflitError(`L'utilisateur Slack ${id} est déjà associé au compte ${autre}`);
    await this.users.linkSlack(userId, id);
    return { userId, slackUserId: id };
  }

  /** ADMIN: removes the link, for good: the account is not relinked by e-mail, only by `lier`. */
  async delier(scope: AccessScope, userId: string): Promise<{ userId: string; slackUserId: null }> {
    await this.visible(scope, userId);
    await this.users.unlinkSlack(userId);
    return { userId, slackUserId: null };
  }

  private async visible(scope: AccessScope, userId: string): Promise<void> {
    if (scope.role !== 'ADMIN') throw new AccesInterditError('Accès refusé : réservé au rôle ADMIN');
    const user = await this.users.findUserById(check.uuid(userId, 'id'));
    if (!user || (user.bailleurIds.length > 0 && !user.bailleurIds.some((b) => scope.bailleurIds.includes(b))))
      throw new IntrouvableError('Compte', userId);
  }
}
