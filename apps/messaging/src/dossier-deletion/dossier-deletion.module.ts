import { Module } from '@nestjs/common';
import { DossierDeletionHandlers } from './dossier-deletion.handlers';

/** What messaging holds of dossiers deleted by the dossiers service goes with them. */
@Module({ providers: [DossierDeletionHandlers] })
export class DossierDeletionModule {}
