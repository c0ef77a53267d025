import { Injectable } from '@nestjs/common';
import { messagingContracts, type BusContext, type Message, type RequestOf } from '@guichet/contracts';
import { OnRequest } from '@guichet/platform-service';
import { ListMessagesUseCase } from './usecases/list-messages.usecase';
import { PostMessageUseCase } from './usecases/post-message.usecase';

/** NATS handlers of the messages: thin, each calls its use case. */
@Injectable()
export class MessageHandlers {
  constructor(
    private readonly postMessage: PostMessageUseCase,
    private readonly listMessages: ListMessagesUseCase,
  ) {}

  @OnRequest(messagingContracts.post)
  post(payload: RequestOf<typeof messagingContracts.post>, ctx: BusContext): Promise<Message> {
    return this.postMessage.execute(payload, ctx);
  }

  @OnRequest(messagingContracts.list)
  list(payload: RequestOf<typeof messagingContracts.list>, ctx: BusContext): Promise<{ items: Message[] }> {
    return this.listMessages.execute(payload, ctx);
  }
}
