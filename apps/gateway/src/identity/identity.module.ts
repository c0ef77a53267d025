import { Module } from '@nestjs/common';
import { SessionCookie } from '../http/session.cookie';
import { AuthHttpController } from './auth.http.controller';
import { GroupMembersHandlers } from './group-members.handlers';
import { OperatorHttpController } from './operator.http.controller';
import { PasswordHasher } from './password.hasher';
import { SessionService } from './session.service';
import { AddMemberUseCase } from './usecases/add-member.usecase';
import { CreateTenantUseCase } from './usecases/create-tenant.usecase';
import { GrantExpertUseCase } from './usecases/grant-expert.usecase';
import { SignInUseCase } from './usecases/sign-in.usecase';
import { SignUpUseCase } from './usecases/sign-up.usecase';

/** Accounts, tenants, memberships and sessions: what the gateway owns. */
@Module({
  controllers: [AuthHttpController, OperatorHttpController],
  providers: [GroupMembersHandlers, PasswordHasher, SessionService, SessionCookie, SignUpUseCase, SignInUseCase, CreateTenantUseCase, AddMemberUseCase, GrantExpertUseCase],
  exports: [SessionService, SessionCookie, PasswordHasher],
})
export class IdentityModule {}
