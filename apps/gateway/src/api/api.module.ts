import { Module } from '@nestjs/common';
import { AvisHttpController } from './avis.http.controller';
import { DossiersHttpController } from './dossiers.http.controller';
import { ExportsHttpController } from './exports.http.controller';
import { FilesHttpController } from './files.http.controller';
import { GroupsHttpController } from './groups.http.controller';
import { LabelsHttpController } from './labels.http.controller';
import { LookupsHttpController } from './lookups.http.controller';
import { MessagesHttpController } from './messages.http.controller';
import { ModelsHttpController } from './models.http.controller';
import { ProceduresHttpController } from './procedures.http.controller';

/** The routes answered by the services: validate, forward over the bus with the caller's context, shape. */
@Module({
  controllers: [ProceduresHttpController, DossiersHttpController, MessagesHttpController, AvisHttpController, FilesHttpController, ExportsHttpController, GroupsHttpController, LabelsHttpController, ModelsHttpController, LookupsHttpController],
})
export class ApiModule {}
