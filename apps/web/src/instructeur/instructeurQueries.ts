import { type Dossier } from '@guichet/contracts';
import { type QueryClient, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { queryKeys } from '../api/queryKeys';

/** How often the dashboard reads its counts and lists again, so a dossier that changes state moves tab. */
export const dashboardRefreshMs = 15_000;

/**
 * An instructeur's write answered the dossier (follow, transition, archive): the cache takes it,
 * and every count and tab list of the dashboard is read again (a follow moves a dossier from « À
 * suivre » to « Suivis par moi », a decision to « Traités »…), as is the usager's « Mes dossiers ».
 */
export function instructeurDossierChanged(client: QueryClient, dossier: Dossier): void {
  client.setQueryData(queryKeys.dossier(dossier.id), dossier);
  void client.invalidateQueries({ queryKey: queryKeys.dossier(dossier.id), exact: true });
  void client.invalidateQueries({ queryKey: queryKeys.instructeur });
  void client.invalidateQueries({ queryKey: queryKeys.myDossiers });
}

/** The groups whose dossiers the agent reads (the dashboard's group filter and its tags), by name, read only when `enabled`. */
export function useDashboardGroups(procedureId: string, enabled: boolean) {
  return useQuery({ queryKey: queryKeys.dashboardGroups(procedureId), queryFn: () => api.listDashboardGroups(procedureId), enabled });
}

/** The procedure's labels (the dashboard's label filter and its tags, the dossier's label picker), read only when `enabled`. */
export function useProcedureLabels(procedureId: string, enabled = true) {
  return useQuery({ queryKey: queryKeys.instructeurLabels(procedureId), queryFn: () => api.listInstructeurLabels(procedureId), enabled });
}
