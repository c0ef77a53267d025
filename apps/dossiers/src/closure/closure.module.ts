import { Module } from '@nestjs/common';
import { DeadlineInstruction } from './deadline-instruction.service';

/** What happens to dossiers when their procedure closes. */
@Module({ providers: [DeadlineInstruction] })
export class ClosureModule {}
