import { Module } from '@nestjs/common';
import { DossierDeletionHandlers } from './dossier-deletion.handlers';

/** The avis of dossiers deleted by the dossiers service go with them. */
@Module({ providers: [DossierDeletionHandlers] })
export class DossierDeletionModule {}
