import type { EventDataOf, labelEvents } from '@guichet/contracts';
import type { ProcedureLabel } from '../procedure-label.entity';

/** A label's whole state: a replica applies it as it is when its version is newer than its own. */
export function labelChangedData(label: ProcedureLabel): EventDataOf<typeof labelEvents.changed> {
  return { labelId: label.id, procedureId: label.procedureId, name: label.name, color: label.color, version: label.version };
}
