import { Module } from '@nestjs/common';
import { ProcedureChanges } from '../procedure/procedure-changes';
import { ProcedureRepository } from '../procedure/procedure.repository';
import { GroupRouter } from './group.router';
import { GroupsAccess } from './groups.access';
import { GroupsHandlers } from './groups.handlers';
import { GroupsRepository } from './groups.repository';
import { GroupsService } from './groups.service';

/** Instructor groups of procedures, their CSV import, and routing of dossiers to groups. */
@Module({
  providers: [ProcedureRepository, ProcedureChanges, GroupsRepository, GroupsAccess, GroupsService, GroupRouter, GroupsHandlers],
})
export class GroupsModule {}
