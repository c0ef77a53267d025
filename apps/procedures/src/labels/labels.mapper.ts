import type { Label } from '@guichet/contracts';
import type { ProcedureLabel } from './procedure-label.entity';

export function toLabelDto(label: ProcedureLabel): Label {
  return {
    id: label.id,
    procedureId: label.procedureId,
    name: label.name,
    color: label.color,
    version: label.version,
    createdAt: label.createdAt.toISOString(),
    updatedAt: label.updatedAt.toISOString(),
  };
}
