import { Module } from '@nestjs/common';
import { BrouillonUsagersHandlers } from './brouillon-usagers.handlers';
import { DeadlineInstruction } from './deadline-instruction.service';

/** What happens to dossiers when their procedure closes. */
@Module({ providers: [DeadlineInstruction, BrouillonUsagersHandlers] })
export class ClosureModule {}
