import { Module } from '@nestjs/common';
import { ProfilsDemandeController } from './profils-demande.controller';

/** The demand profiles (quartiles of the waiting list). */
@Module({ controllers: [ProfilsDemandeController] })
export class ProfilsDemandeModule {}
