import type { GroupMember as GroupMemberDto, InstructorGroup as InstructorGroupDto } from '@guichet/contracts';
import type { GroupMember, InstructorGroup } from './instructor-group.entity';

export function toGroupDto(group: InstructorGroup, memberCount: number): InstructorGroupDto {
  return {
    id: group.id,
    procedureId: group.procedureId,
    label: group.label,
    isDefault: group.isDefault,
    active: group.active,
    routingRule: group.routingRule ?? null,
    position: group.position,
    memberCount,
    createdAt: group.createdAt.toISOString(),
  };
}

export function toMemberDto(member: GroupMember): GroupMemberDto {
  return { email: member.accountEmail, accountId: member.accountId };
}

export function toGroupWithMembersDto(group: InstructorGroup, members: readonly GroupMember[]) {
  return { ...toGroupDto(group, members.length), members: members.map(toMemberDto) };
}
