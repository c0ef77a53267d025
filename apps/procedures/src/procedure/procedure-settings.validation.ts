import type { DeclarativeMode, procedureContracts, RequestOf, SvaSvrSettings } from '@guichet/contracts';

export type SettingsPatch = Omit<RequestOf<typeof procedureContracts.updateSettings>, 'procedureId'>;

/** The settings the rules below read, as they are before the patch. */
export interface CurrentSettings {
  declarativeMode: DeclarativeMode | null;
  svaSvr: SvaSvrSettings | null;
}

/**
 * The rules the contract's shape cannot say: a new deadline lies in the future, and a procedure is
 * either declarative or SVA/SVR, not both (both decide without an instructeur). Returns field path →
 * French message; empty when the patch may be applied.
 */
export function settingsProblems(current: CurrentSettings, patch: SettingsPatch, now: Date): Record<string, string> {
  const problems: Record<string, string> = {};
  if (patch.closesAt !== undefined && patch.closesAt !== null && Date.parse(patch.closesAt) <= now.getTime()) {
    problems.closesAt = 'La date limite de dépôt doit être dans le futur.';
  }
  const declarativeMode = patch.declarativeMode !== undefined ? patch.declarativeMode : current.declarativeMode;
  const svaSvr = patch.svaSvr !== undefined ? patch.svaSvr : current.svaSvr;
  if (declarativeMode !== null && svaSvr !== null) {
    // Blame the setting being turned on now; the other one is already in place.
    const field = patch.svaSvr !== undefined && patch.svaSvr !== null ? 'svaSvr' : 'declarativeMode';
    problems[field] =
      field === 'svaSvr'
        ? 'Une démarche déclarative ne peut pas appliquer le silence vaut accord ou rejet : retirez d’abord le mode déclaratif.'
        : 'Une démarche en silence vaut accord ou rejet ne peut pas être déclarative : retirez d’abord le silence vaut accord ou rejet.';
  }
  return problems;
}
