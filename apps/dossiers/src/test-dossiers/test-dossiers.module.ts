import { Module } from '@nestjs/common';
import { PurgeTestDossiers } from './purge-test-dossiers.service';

/** Test dossiers end with their procedure's publication. */
@Module({ providers: [PurgeTestDossiers] })
export class TestDossiersModule {}
