import { type Procedure } from '@guichet/contracts';
import { MutationCache, QueryCache, QueryClient, type QueryClient as Client, type UseQueryResult, useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { isApiError, messages } from './client';
import { queryKeys } from './queryKeys';

/**
 * The one query cache of the app. No retry (an error is shown at once, in French, as before);
 * no refetch on window focus: pages edit local copies seeded from the cached data, and a refetch
 * must never look like it wiped an edit in progress. A 401 on any read ends the local session
 * (the pages then send to the sign-in page).
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (isApiError(error) && error.status === 401 && query.queryKey[0] !== queryKeys.session[0]) client.setQueryData(queryKeys.session, null);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error) => {
        if (isApiError(error) && error.status === 401) client.setQueryData(queryKeys.session, null);
      },
    }),
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
  return client;
}

/** What a page shows of a read: loading, the French message of its failure, or the value. */
export type LoadState<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'loaded'; value: T };

export function errorMessage(error: unknown): string {
  return isApiError(error) ? error.message : messages.unexpected;
}

/** A query's state as the pages show it (a failed refetch keeps showing the failure, as a failed load did). */
export function loadStateOf<T>(query: UseQueryResult<T>): LoadState<T> {
  if (query.isError) return { status: 'error', message: errorMessage(query.error) };
  if (query.isPending) return { status: 'loading' };
  return { status: 'loaded', value: query.data };
}

/**
 * A procedure changed on the server (a save answered it): the cache takes the answer, and what is
 * derived from it is read again — the list of procedures, the draft's diff and tags, its model.
 */
export function procedureChanged(client: Client, procedure: Procedure): void {
  client.setQueryData(queryKeys.adminProcedure(procedure.id), procedure);
  void client.invalidateQueries({ queryKey: queryKeys.adminProcedures, exact: true });
  void client.invalidateQueries({ queryKey: queryKeys.revisionDiff(procedure.id) });
  void client.invalidateQueries({ queryKey: queryKeys.procedureTags(procedure.id) });
  void client.invalidateQueries({ queryKey: queryKeys.model(procedure.id) });
  void client.invalidateQueries({ queryKey: queryKeys.publicProcedures });
}

/** A write answered with the procedure (draft, templates, settings, lifecycle): see procedureChanged. */
export function useProcedureMutation<Input>(write: (input: Input) => Promise<Procedure>): (input: Input) => Promise<Procedure> {
  const client = useQueryClient();
  const mutation = useMutation({ mutationFn: write, onSuccess: (procedure) => procedureChanged(client, procedure) });
  return mutation.mutateAsync;
}

/**
 * A write whose answer is not a cached resource (a group changed, members imported…): `invalidates`
 * names the queries to read again once it succeeded.
 */
export function useInvalidatingMutation(invalidates: readonly (readonly unknown[])[]): <T>(write: () => Promise<T>) => Promise<T> {
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: (write: () => Promise<unknown>) => write(),
    onSuccess: () => Promise.all(invalidates.map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
  const { mutateAsync } = mutation;
  return useCallback(<T,>(write: () => Promise<T>) => mutateAsync(write) as Promise<T>, [mutateAsync]);
}
