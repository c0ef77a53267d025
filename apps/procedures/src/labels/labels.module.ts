import { Module } from '@nestjs/common';
import { GroupsAccess } from '../groups/groups.access';
import { ProcedureRepository } from '../procedure/procedure.repository';
import { LabelsHandlers } from './labels.handlers';
import { LabelsQueries } from './labels.queries';
import { LabelsRepository } from './labels.repository';
import { CreateLabelUseCase } from './usecases/create-label.usecase';
import { DeleteLabelUseCase } from './usecases/delete-label.usecase';
import { UpdateLabelUseCase } from './usecases/update-label.usecase';

/** Labels (« étiquettes ») of procedures: administrateurs define them, agents read them. */
@Module({
  providers: [ProcedureRepository, GroupsAccess, LabelsRepository, LabelsQueries, CreateLabelUseCase, UpdateLabelUseCase, DeleteLabelUseCase, LabelsHandlers],
})
export class LabelsModule {}
