import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { fieldCatalogue } from '@guichet/forms';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, splitFieldErrors } from '../api/client';
import { errorMessage, loadStateOf } from '../api/queries';
import { queryKeys } from '../api/queryKeys';
import { type ProcedureModel, type ProcedureModelDetail } from '@guichet/contracts';
import { type CloneParts, type CloneProcedureInput } from '../api/types';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { formatDate } from '../components/dossier/states';
import { AdminOnly, type LoadState } from './adminAccess';
import { pathFromTitle } from './procedurePath';
import { failureMessage, useApiAction } from './ProcedureConfigPage';
import { procedureAdminPath } from './ProcedureAdminNav';

const title = 'Catalogue des modèles';

export function modelPath(procedureId: string): string {
  return `/admin/catalogue/${encodeURIComponent(procedureId)}`;
}

/** /admin/catalogue: the démarches every administration shared as models, searchable by title. */
export function CataloguePage() {
  useDocumentTitle(title);
  return (
    <AdminOnly title={title}>
      <Catalogue />
    </AdminOnly>
  );
}

type ListState = LoadState<{ items: ProcedureModel[]; next: string | null }>;

function Catalogue() {
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  // Every page of one search, keyed by the search (a 401 ends the session: api/queries.ts).
  const pages = useInfiniteQuery({
    queryKey: queryKeys.models(query),
    queryFn: ({ pageParam }) => api.listModels({ q: query, ...(pageParam === null ? {} : { after: pageParam }) }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next,
  });
  const list: ListState = pages.isError
    ? { status: 'error', message: errorMessage(pages.error) }
    : pages.isPending
      ? { status: 'loading' }
      : { status: 'loaded', value: { items: pages.data.pages.flatMap((page) => page.items), next: pages.data.pages.at(-1)?.next ?? null } };
  const loadingMore = pages.isFetchingNextPage;

  function loadMore() {
    void pages.fetchNextPage();
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setQuery(search.trim());
  }

  return (
    <>
      <Breadcrumb currentPageLabel={title} homeLinkProps={{ to: '/' }} segments={[{ label: 'Mes démarches', linkProps: { to: '/admin/demarches' } }]} className={fr.cx('fr-mt-0')} />
      <h1>{title}</h1>
      <p>Les démarches publiées que les administrations partagent : clonez-en une pour partir de son formulaire.</p>
      <form role="search" aria-label="Rechercher dans le catalogue" onSubmit={onSubmit} className={fr.cx('fr-mb-4w')}>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--bottom')}>
          <div className={fr.cx('fr-col-12', 'fr-col-md-8')}>
            <Input label="Rechercher un modèle" hintText="Un ou plusieurs mots de son titre." className={fr.cx('fr-mb-0')} nativeInputProps={{ type: 'search', value: search, onChange: (event) => setSearch(event.target.value) }} />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
            <Button type="submit" iconId="fr-icon-search-line">
              Rechercher
            </Button>
          </div>
        </div>
      </form>
      <h2>{query === '' ? 'Tous les modèles' : `Modèles correspondant à « ${query} »`}</h2>
      {list.status === 'loading' && (
        <p role="status" className={fr.cx('fr-text--sm')}>
          Chargement du catalogue…
        </p>
      )}
      {list.status === 'error' && <Alert severity="error" as="h3" title="Le catalogue n’a pas pu être chargé" description={list.message} />}
      {list.status === 'loaded' && list.value.items.length === 0 && <p>{query === '' ? 'Aucune démarche n’est encore partagée comme modèle.' : 'Aucun modèle ne correspond à cette recherche.'}</p>}
      {list.status === 'loaded' && list.value.items.length > 0 && (
        <>
          <ul className={fr.cx('fr-raw-list')} aria-label="Modèles">
            {list.value.items.map((model) => (
              <li key={model.procedureId} className={fr.cx('fr-mb-3w', 'fr-pb-2w')} style={{ borderBottom: `1px solid ${fr.colors.decisions.border.default.grey.default}` }}>
                <h3 className={fr.cx('fr-h6', 'fr-mb-1w')}>
                  <Link to={modelPath(model.procedureId)}>{model.title}</Link>
                </h3>
                {model.description !== '' && <p className={fr.cx('fr-mb-1w')}>{model.description}</p>}
                <p className={fr.cx('fr-text--sm', 'fr-mb-0')}>
                  {model.tenantName} · {model.fieldCount} champ{model.fieldCount > 1 ? 's' : ''} · partagé le {formatDate(model.sharedAt)}
                </p>
              </li>
            ))}
          </ul>
          {list.value.next !== null && (
            <Button type="button" priority="secondary" disabled={loadingMore} onClick={loadMore}>
              Afficher plus de modèles
            </Button>
          )}
        </>
      )}
    </>
  );
}

/** /admin/catalogue/:procedureId: a model, its form, and cloning it into a new démarche. */
export function ModelPage() {
  const { procedureId = '' } = useParams();
  return (
    <AdminOnly title="Modèle">
      <Model procedureId={procedureId} />
    </AdminOnly>
  );
}

function Model({ procedureId }: { procedureId: string }) {
  const state: LoadState<ProcedureModelDetail> = loadStateOf(useQuery({ queryKey: queryKeys.model(procedureId), queryFn: () => api.getModel(procedureId) }));
  useDocumentTitle(state.status === 'loaded' ? `${state.value.title} - ${title}` : title);

  const breadcrumb = (current: string) => (
    <Breadcrumb
      currentPageLabel={current}
      homeLinkProps={{ to: '/' }}
      segments={[
        { label: 'Mes démarches', linkProps: { to: '/admin/demarches' } },
        { label: title, linkProps: { to: '/admin/catalogue' } },
      ]}
      className={fr.cx('fr-mt-0')}
    />
  );
  if (state.status === 'loading') {
    return (
      <>
        <h1>Modèle</h1>
        <p role="status" className={fr.cx('fr-text--sm')}>
          Chargement du modèle…
        </p>
      </>
    );
  }
  if (state.status === 'error') {
    return (
      <>
        {breadcrumb('Modèle')}
        <h1>Modèle</h1>
        <Alert severity="error" as="h2" title="Le modèle n’a pas pu être chargé" description={state.message} />
      </>
    );
  }
  const model = state.value;
  return (
    <>
      {breadcrumb(model.title)}
      <h1>{model.title}</h1>
      <p className={fr.cx('fr-text--sm')}>
        Partagé par {model.tenantName} le {formatDate(model.sharedAt)}
      </p>
      {model.description !== '' && <p>{model.description}</p>}
      <h2>Formulaire</h2>
      {model.fields.length === 0 ? (
        <p>Ce modèle n’a aucun champ.</p>
      ) : (
        <ol aria-label="Champs du modèle">
          {model.fields.map((field) => (
            <li key={field.stableId}>
              {field.label} <span className={fr.cx('fr-text--sm')}>({fieldCatalogue[field.type].label}{field.mandatory ? ', obligatoire' : ''})</span>
              {field.children !== undefined && field.children.length > 0 && (
                <ul>
                  {field.children.map((child) => (
                    <li key={child.stableId}>
                      {child.label} <span className={fr.cx('fr-text--sm')}>({fieldCatalogue[child.type].label})</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
      <CloneForm model={model} />
    </>
  );
}

const partLabels: Readonly<Record<keyof CloneParts, { label: string; hint: string }>> = {
  fields: { label: 'Champs du formulaire et annotations privées', hint: 'Avec leurs conditions d’affichage.' },
  templates: { label: 'Modèles d’e-mails et attestations', hint: 'Les images ne sont reprises que depuis votre administration.' },
  groups: { label: 'Groupes instructeurs et règles de routage', hint: 'Les membres ne sont repris que depuis votre administration.' },
  settings: { label: 'Paramètres', hint: 'Le service à contacter n’est repris que depuis votre administration.' },
  labels: { label: 'Étiquettes', hint: 'Les mêmes noms et couleurs, pour classer les dossiers.' },
};
const cloneParts = ['fields', 'templates', 'groups', 'settings', 'labels'] as const;

type CloneField = 'title' | 'path';

function CloneForm({ model }: { model: ProcedureModelDetail }) {
  const run = useApiAction();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // A clone is a new procedure of the administration.
  const clone = useMutation({ mutationFn: (input: CloneProcedureInput) => api.cloneProcedure(model.procedureId, input), onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.adminProcedures, exact: true }) });
  const [values, setValues] = useState({ title: model.title, path: pathFromTitle(model.title) });
  const [parts, setParts] = useState<CloneParts>({ fields: true, templates: false, groups: false, settings: false, labels: true });
  const [submitting, setSubmitting] = useState(false);
  const [errors, setErrors] = useState<{ byField: Partial<Record<CloneField, string>>; global: string | null }>({ byField: {}, global: null });
  const alertRef = useRef<HTMLDivElement>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSubmitting(true);
    const result = await run(() => clone.mutateAsync({ title: values.title.trim(), path: values.path.trim(), parts }));
    if (result.ok) {
      navigate(procedureAdminPath(result.value.id, 'champs'));
      return;
    }
    setSubmitting(false);
    const split = result.error === null ? { byField: {}, others: [] } : splitFieldErrors(result.error, ['title', 'path'] as const);
    const global = Object.keys(split.byField).length === 0 || split.others.length > 0 ? [failureMessage(result.error), ...split.others].join(' ') : null;
    setErrors({ byField: split.byField, global });
    if (global !== null) alertRef.current?.focus();
    else document.getElementById(split.byField.title !== undefined ? 'clone-title' : 'clone-path')?.focus();
  }

  const stateOf = (field: CloneField) => (errors.byField[field] === undefined ? ({ state: 'default' } as const) : ({ state: 'error', stateRelatedMessage: errors.byField[field] } as const));
  return (
    <section aria-labelledby="clone-heading" className={fr.cx('fr-mt-6w')}>
      <h2 id="clone-heading">Cloner ce modèle</h2>
      <p>Une nouvelle démarche en brouillon est créée dans votre administration à partir de la version publiée du modèle.</p>
      <div ref={alertRef} tabIndex={-1} style={{ outline: 'none' }}>
        {errors.global !== null && <Alert className={fr.cx('fr-mb-3w')} severity="error" as="h3" title="La démarche n’a pas été créée" description={errors.global} />}
      </div>
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <Input
          label="Titre de la nouvelle démarche"
          {...stateOf('title')}
          nativeInputProps={{ id: 'clone-title', value: values.title, onChange: (event) => setValues((current) => ({ ...current, title: event.target.value })), 'aria-invalid': errors.byField.title === undefined ? undefined : true }}
        />
        <Input
          label="Adresse de la nouvelle démarche"
          hintText="Lettres minuscules, chiffres et tirets ; les usagers l’ouvriront à /commencer/<adresse>."
          {...stateOf('path')}
          nativeInputProps={{ id: 'clone-path', value: values.path, spellCheck: false, onChange: (event) => setValues((current) => ({ ...current, path: event.target.value })), 'aria-invalid': errors.byField.path === undefined ? undefined : true }}
        />
        <Checkbox
          legend="Éléments à reprendre"
          options={cloneParts.map((part) => ({
            label: partLabels[part].label,
            hintText: partLabels[part].hint,
            nativeInputProps: { name: `clone-${part}`, checked: parts[part], onChange: (event) => setParts((current) => ({ ...current, [part]: event.target.checked })) },
          }))}
        />
        <Button type="submit" iconId="fr-icon-file-add-line" disabled={submitting}>
          Cloner
        </Button>
      </form>
    </section>
  );
}
