import { Module } from '@nestjs/common';
import { RebaseDossiers } from './rebase-dossiers.service';

/** Moves undecided dossiers onto a procedure's newly published revision. */
@Module({ providers: [RebaseDossiers] })
export class RebaseModule {}
