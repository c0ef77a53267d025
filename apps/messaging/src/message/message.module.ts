import { Module } from '@nestjs/common';
import { DossierAccess } from '@guichet/dossier-access';
import { MessageHandlers } from './message.handlers';
import { MessageRepository } from './message.repository';
import { ListMessagesUseCase } from './usecases/list-messages.usecase';
import { PostMessageUseCase } from './usecases/post-message.usecase';

/** The messages (commentaires) of dossiers. */
@Module({ providers: [DossierAccess, MessageRepository, PostMessageUseCase, ListMessagesUseCase, MessageHandlers] })
export class MessageModule {}
