import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { type Condition } from '@guichet/conditions';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useCallback, useMemo, useState } from 'react';
import { type ApiError, api, isApiError } from '../api/client';
import { errorMessage, loadStateOf, useInvalidatingMutation } from '../api/queries';
import { queryKeys } from '../api/queryKeys';
import { type FieldDefinition } from '@guichet/contracts';
import { type InstructorGroup, type InstructorGroupWithMembers } from '../api/types';
import { ConditionEditor } from './builder/ConditionEditor';
import { move } from './builder/fieldList';
import { DossierForm, type DossierValues } from '../components/dossier/DossierForm';
import { type LoadState } from './adminAccess';
import { csvLineErrors, parseEmails, routingFields, routingRuleErrors } from './groupsState';
import { type ProcedureConfigProps, ProcedureConfigPage, failureMessage, useApiAction } from './ProcedureConfigPage';

const title = 'Groupes instructeurs';
const pageSize = 50;

/** /admin/demarches/:procedureId/groupes: instructor groups, their members, routing rules and order. */
export function GroupsPage() {
  return <ProcedureConfigPage title={title}>{(props) => <Groups {...props} />}</ProcedureConfigPage>;
}

/** A write on the groups (create, rename, routing rule, order, delete, import): the groups and their members are read again once it succeeded. */
function useGroupsWrite(procedureId: string): <T>(write: () => Promise<T>) => Promise<T> {
  return useInvalidatingMutation([queryKeys.groups(procedureId)]);
}

type Feedback = { severity: 'success' | 'error'; message: string } | null;
type GroupList = { items: InstructorGroup[]; next: string | null };

function Groups({ procedure }: ProcedureConfigProps) {
  const run = useApiAction();
  // Every page loaded of the groups, read again after each write (useGroupsWrite).
  const pages = useInfiniteQuery({
    queryKey: queryKeys.groups(procedure.id),
    queryFn: ({ pageParam }) => api.listGroups(procedure.id, { ...(pageParam === null ? {} : { after: pageParam }), limit: pageSize }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next,
  });
  const groups: LoadState<GroupList> = pages.isError
    ? { status: 'error', message: errorMessage(pages.error) }
    : pages.isPending
      ? { status: 'loading' }
      : { status: 'loaded', value: { items: pages.data.pages.flatMap((page) => page.items), next: pages.data.pages.at(-1)?.next ?? null } };
  const write = useGroupsWrite(procedure.id);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const fields = useMemo(() => routingFields(procedure.draftRevision.fields, procedure.publishedRevision?.fields), [procedure]);

  // The writes read the groups again themselves (useGroupsWrite): what is left is to say what changed.
  const reload = useCallback((message: string) => setFeedback({ severity: 'success', message }), []);
  const fail = useCallback((error: ApiError | null) => setFeedback({ severity: 'error', message: failureMessage(error) }), []);

  async function more() {
    const result = await pages.fetchNextPage();
    if (result.isFetchNextPageError) fail(isApiError(result.error) ? result.error : null);
  }

  // The default group takes what no rule takes: it is evaluated last, whatever its place.
  const ordered = groups.status === 'loaded' ? groups.value.items.filter((group) => !group.isDefault) : [];
  const shown = groups.status === 'loaded' ? [...ordered, ...groups.value.items.filter((group) => group.isDefault)] : [];

  async function reorder(index: number, offset: -1 | 1) {
    const items = move(ordered, index, offset);
    const result = await run(() => write(() => api.reorderGroups(procedure.id, items.map((group) => group.id))));
    if (result.ok) reload('L’ordre d’évaluation a été enregistré.');
    else fail(result.error);
  }

  return (
    <>
      <p>
        À son dépôt, un dossier va au premier groupe actif, dans l’ordre ci-dessous, dont la règle de routage est remplie ; sinon au groupe par défaut. Les règles portent sur les champs
        du formulaire.
      </p>
      <div aria-live="polite">{feedback !== null && <Alert className={fr.cx('fr-mb-3w')} small severity={feedback.severity} description={feedback.message} closable onClose={() => setFeedback(null)} />}</div>
      <CreateGroup procedureId={procedure.id} onCreated={reload} />
      <h3>Groupes</h3>
      {groups.status === 'loading' && (
        <p role="status" className={fr.cx('fr-text--sm')}>
          Chargement des groupes…
        </p>
      )}
      {groups.status === 'error' && <Alert severity="error" as="h4" small title="Les groupes n’ont pas pu être chargés" description={groups.message} />}
      {groups.status === 'loaded' && (
        <>
          <ol className={fr.cx('fr-raw-list')}>
            {shown.map((group, index) => (
              <li key={group.id}>
                <GroupCard
                  procedureId={procedure.id}
                  group={group}
                  others={groups.value.items.filter((other) => other.id !== group.id)}
                  fields={fields}
                  position={group.isDefault ? null : index + 1}
                  canMove={groups.value.next === null}
                  first={index === 0}
                  last={index === ordered.length - 1}
                  onMove={(offset) => void reorder(index, offset)}
                  onChanged={reload}
                  onFailed={fail}
                />
              </li>
            ))}
          </ol>
          {groups.value.next !== null && (
            <>
              <p className={fr.cx('fr-text--sm')}>L’ordre peut être changé une fois tous les groupes affichés.</p>
              <Button type="button" priority="secondary" onClick={() => void more()}>
                Afficher plus de groupes
              </Button>
            </>
          )}
        </>
      )}
      <CsvImport procedureId={procedure.id} onImported={reload} />
      <RoutePreview procedureId={procedure.id} fields={procedure.publishedRevision?.fields ?? procedure.draftRevision.fields} />
    </>
  );
}

function CreateGroup({ procedureId, onCreated }: { procedureId: string; onCreated: (message: string) => void }) {
  const run = useApiAction();
  const write = useGroupsWrite(procedureId);
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = await run(() => write(() => api.createGroup(procedureId, { label })));
    if (result.ok) {
      setLabel('');
      setError(null);
      onCreated(`Le groupe « ${result.value.label} » a été créé.`);
    } else setError(result.error?.fields['label'] ?? failureMessage(result.error));
  }
  return (
    <form onSubmit={(event) => void onSubmit(event)} className={fr.cx('fr-mb-4w')} aria-labelledby="nouveau-groupe-titre">
      <h3 id="nouveau-groupe-titre">Nouveau groupe</h3>
      <Input
        label="Nom du groupe"
        {...(error !== null ? { state: 'error' as const, stateRelatedMessage: error } : {})}
        nativeInputProps={{ id: 'nouveau-groupe', value: label, required: true, maxLength: 200, onChange: (event) => setLabel(event.target.value) }}
      />
      <Button type="submit" iconId="fr-icon-add-line">
        Créer le groupe
      </Button>
    </form>
  );
}

type GroupCardProps = {
  procedureId: string;
  group: InstructorGroup;
  others: readonly InstructorGroup[];
  fields: readonly FieldDefinition[];
  /** Place in the order of evaluation; null for the default group, always last. */
  position: number | null;
  canMove: boolean;
  first: boolean;
  last: boolean;
  onMove: (offset: -1 | 1) => void;
  onChanged: (message: string) => void;
  onFailed: (error: ApiError | null) => void;
};

function GroupCard({ procedureId, group, others, fields, position, canMove, first, last, onMove, onChanged, onFailed }: GroupCardProps) {
  const run = useApiAction();
  const write = useGroupsWrite(procedureId);
  const id = `groupe-${group.id}`;
  const [label, setLabel] = useState(group.label);
  const [rule, setRule] = useState<Condition | null>(group.routingRule);
  const [ruleErrors, setRuleErrors] = useState<Record<string, string>>({});
  const [moveTo, setMoveTo] = useState(others.find((other) => other.isDefault)?.id ?? others[0]?.id ?? '');
  const [showMembers, setShowMembers] = useState(false);

  async function act<T>(call: () => Promise<T>, message: string) {
    const result = await run(() => write(call));
    if (result.ok) onChanged(message);
    else onFailed(result.error);
    return result;
  }

  async function saveRule() {
    const result = await run(() => write(() => api.setRoutingRule(procedureId, group.id, rule)));
    if (result.ok) {
      setRuleErrors({});
      onChanged(`La règle de routage du groupe « ${group.label} » a été enregistrée.`);
    } else {
      setRuleErrors(routingRuleErrors(result.error?.fields ?? {}));
      onFailed(result.error);
    }
  }

  return (
    <section aria-labelledby={`${id}-titre`} className={fr.cx('fr-p-3w', 'fr-mb-3w')} style={{ border: `1px solid ${fr.colors.decisions.border.default.grey.default}` }}>
      <h4 id={`${id}-titre`} className={fr.cx('fr-h6', 'fr-mb-1w')}>
        {position === null ? group.label : `${position}. ${group.label}`}
      </h4>
      <p className={fr.cx('fr-mb-2w')}>
        {group.isDefault && (
          <Badge as="span" small severity="info" className={fr.cx('fr-mr-1w')}>
            Groupe par défaut
          </Badge>
        )}
        <Badge as="span" small severity={group.active ? 'success' : 'warning'} className={fr.cx('fr-mr-1w')}>
          {group.active ? 'Actif' : 'Inactif'}
        </Badge>
        <span>
          {group.memberCount} instructeur{group.memberCount > 1 ? 's' : ''}
        </span>
      </p>
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline', 'fr-btns-group--sm')}>
        {!group.isDefault && (
          <li>
            <Button type="button" priority="tertiary" iconId="fr-icon-arrow-up-line" disabled={!canMove || first} onClick={() => onMove(-1)} nativeButtonProps={{ 'aria-describedby': `${id}-titre` }}>
              Monter
            </Button>
          </li>
        )}
        {!group.isDefault && (
          <li>
            <Button type="button" priority="tertiary" iconId="fr-icon-arrow-down-line" disabled={!canMove || last} onClick={() => onMove(1)} nativeButtonProps={{ 'aria-describedby': `${id}-titre` }}>
              Descendre
            </Button>
          </li>
        )}
        {!group.isDefault && (
          <li>
            <Button
              type="button"
              priority="secondary"
              onClick={() => void act(() => api.updateGroup(procedureId, group.id, { active: !group.active }), `Le groupe « ${group.label} » a été ${group.active ? 'désactivé' : 'activé'}.`)}
              nativeButtonProps={{ 'aria-describedby': `${id}-titre` }}
            >
              {group.active ? 'Désactiver' : 'Activer'}
            </Button>
          </li>
        )}
        <li>
          <Button type="button" priority="secondary" onClick={() => setShowMembers((shown) => !shown)} nativeButtonProps={{ 'aria-expanded': showMembers, 'aria-controls': `${id}-membres`, 'aria-describedby': `${id}-titre` }}>
            {showMembers ? 'Masquer les instructeurs' : 'Gérer les instructeurs'}
          </Button>
        </li>
      </ul>
      <div id={`${id}-membres`}>{showMembers && <Members procedureId={procedureId} group={group} onChanged={onChanged} onFailed={onFailed} />}</div>
      <form
        className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--bottom', 'fr-mb-2w')}
        onSubmit={(event) => {
          event.preventDefault();
          void act(() => api.updateGroup(procedureId, group.id, { label }), `Le groupe a été renommé « ${label.trim()} ».`);
        }}
      >
        <div className={fr.cx('fr-col-12', 'fr-col-md-8')}>
          <Input label="Nom du groupe" className={fr.cx('fr-mb-0')} nativeInputProps={{ id: `${id}-nom`, value: label, required: true, maxLength: 200, onChange: (event) => setLabel(event.target.value) }} />
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
          <Button type="submit" priority="secondary" disabled={label.trim() === group.label}>
            Renommer
          </Button>
        </div>
      </form>
      {!group.isDefault && (
        <>
          <ConditionEditor id={`${id}-regle`} legend={`Règle de routage du groupe « ${group.label} »`} value={rule} onChange={setRule} fields={fields} errors={ruleErrors} />
          <Button type="button" priority="secondary" iconId="fr-icon-save-line" className={fr.cx('fr-mb-3w')} onClick={() => void saveRule()}>
            Enregistrer la règle<span className={fr.cx('fr-sr-only')}> du groupe « {group.label} »</span>
          </Button>
          <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--bottom')}>
            {group.memberCount > 0 && (
              <div className={fr.cx('fr-col-12', 'fr-col-md-8')}>
                <Select label="Groupe qui reçoit ses instructeurs" className={fr.cx('fr-mb-0')} nativeSelectProps={{ id: `${id}-deplacer`, value: moveTo, onChange: (event) => setMoveTo(event.target.value) }}>
                  {others.map((other) => (
                    <option key={other.id} value={other.id}>
                      {other.label}
                    </option>
                  ))}
                </Select>
              </div>
            )}
            <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
              <Button
                type="button"
                priority="tertiary"
                iconId="fr-icon-delete-line"
                onClick={() => void act(() => api.deleteGroup(procedureId, group.id, group.memberCount > 0 && moveTo !== '' ? { moveMembersTo: moveTo } : {}), `Le groupe « ${group.label} » a été supprimé.`)}
              >
                Supprimer le groupe<span className={fr.cx('fr-sr-only')}> « {group.label} »</span>
              </Button>
            </div>
          </div>
        </>
      )}
    </section>
  );
}

function Members({ procedureId, group, onChanged, onFailed }: { procedureId: string; group: InstructorGroup; onChanged: (message: string) => void; onFailed: (error: ApiError | null) => void }) {
  const run = useApiAction();
  const id = `groupe-${group.id}`;
  const queryClient = useQueryClient();
  const members: LoadState<InstructorGroupWithMembers> = loadStateOf(useQuery({ queryKey: queryKeys.group(procedureId, group.id), queryFn: () => api.getGroup(procedureId, group.id) }));
  // Adding or removing members answers the group with its members; the list's counts are read again.
  const membersChanged = (changed: InstructorGroupWithMembers) => {
    queryClient.setQueryData(queryKeys.group(procedureId, group.id), changed);
    return queryClient.invalidateQueries({ queryKey: queryKeys.groups(procedureId), predicate: (query) => query.queryKey.length === queryKeys.groups(procedureId).length });
  };
  const addMembers = useMutation({ mutationFn: (list: string[]) => api.addGroupMembers(procedureId, group.id, list), onSuccess: membersChanged });
  const removeMembers = useMutation({ mutationFn: (email: string) => api.removeGroupMembers(procedureId, group.id, [email]), onSuccess: membersChanged });
  const [emails, setEmails] = useState('');
  const [error, setError] = useState<string | null>(null);


  async function add(event: FormEvent) {
    event.preventDefault();
    const list = parseEmails(emails);
    if (list.length === 0) {
      setError('Indiquez au moins une adresse électronique.');
      return;
    }
    const result = await run(() => addMembers.mutateAsync(list));
    if (result.ok) {
      setEmails('');
      setError(null);
      onChanged(`${list.length} instructeur${list.length > 1 ? 's ajoutés' : ' ajouté'} au groupe « ${group.label} ».`);
    } else setError(Object.values(result.error?.fields ?? {})[0] ?? failureMessage(result.error));
  }

  async function remove(email: string) {
    const result = await run(() => removeMembers.mutateAsync(email));
    if (result.ok) {
      onChanged(`${email} a été retiré du groupe « ${group.label} ».`);
    } else onFailed(result.error);
  }

  return (
    <div className={fr.cx('fr-mb-3w')}>
      {members.status === 'loading' && <p className={fr.cx('fr-text--sm')}>Chargement des instructeurs…</p>}
      {members.status === 'error' && <Alert severity="error" small description={members.message} />}
      {members.status === 'loaded' && members.value.members.length === 0 && <p className={fr.cx('fr-text--sm')}>Ce groupe n’a pas encore d’instructeur.</p>}
      {members.status === 'loaded' && members.value.members.length > 0 && (
        <ul aria-label={`Instructeurs du groupe « ${group.label} »`}>
          {members.value.members.map((member) => (
            <li key={member.email}>
              {member.email}{' '}
              <Button type="button" size="small" priority="tertiary no outline" onClick={() => void remove(member.email)}>
                Retirer<span className={fr.cx('fr-sr-only')}> {member.email}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(event) => void add(event)}>
        <Input
          label="Ajouter des instructeurs"
          hintText="Une adresse électronique par ligne."
          textArea
          {...(error !== null ? { state: 'error' as const, stateRelatedMessage: error } : {})}
          nativeTextAreaProps={{ id: `${id}-ajout`, rows: 3, value: emails, onChange: (event) => setEmails(event.target.value) }}
        />
        <Button type="submit" priority="secondary" iconId="fr-icon-user-add-line">
          Ajouter<span className={fr.cx('fr-sr-only')}> au groupe « {group.label} »</span>
        </Button>
      </form>
    </div>
  );
}

function CsvImport({ procedureId, onImported }: { procedureId: string; onImported: (message: string) => void }) {
  const run = useApiAction();
  const write = useGroupsWrite(procedureId);
  const [csv, setCsv] = useState('');
  const [errors, setErrors] = useState<{ message: string; lines: string[] } | null>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = await run(() => write(() => api.importGroupsCsv(procedureId, csv)));
    if (result.ok) {
      setErrors(null);
      setCsv('');
      const { groupsCreated, membersAdded } = result.value;
      onImported(`Import terminé : ${groupsCreated} groupe${groupsCreated > 1 ? 's créés' : ' créé'}, ${membersAdded} instructeur${membersAdded > 1 ? 's ajoutés' : ' ajouté'}.`);
    } else setErrors({ message: failureMessage(result.error), lines: csvLineErrors(result.error?.fields ?? {}) });
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} aria-labelledby="import-titre" className={fr.cx('fr-mt-6w')}>
      <h3 id="import-titre">Importer des groupes et des instructeurs</h3>
      <p className={fr.cx('fr-text--sm')}>
        Un fichier CSV dont la première ligne est <code>groupe;email</code>, puis une ligne par instructeur. Les groupes manquants sont créés ; rien n’est importé si une ligne est en erreur.
      </p>
      <div className={fr.cx('fr-upload-group', 'fr-mb-2w')}>
        <label className={fr.cx('fr-label')} htmlFor="import-fichier">
          Fichier CSV
        </label>
        <input
          className={fr.cx('fr-upload')}
          type="file"
          id="import-fichier"
          accept=".csv,text/csv"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file !== undefined) void file.text().then(setCsv);
          }}
        />
      </div>
      <Input
        label="Contenu du fichier"
        hintText="Il peut aussi être collé ici."
        textArea
        {...(errors !== null ? { state: 'error' as const, stateRelatedMessage: errors.message } : {})}
        nativeTextAreaProps={{ id: 'import-csv', rows: 6, value: csv, onChange: (event) => setCsv(event.target.value) }}
      />
      {errors !== null && errors.lines.length > 0 && (
        <Alert
          className={fr.cx('fr-mb-2w')}
          severity="error"
          as="h4"
          small
          title="Lignes à corriger"
          description={
            <ul>
              {errors.lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          }
        />
      )}
      <Button type="submit" iconId="fr-icon-upload-line" disabled={csv.trim() === ''}>
        Importer
      </Button>
    </form>
  );
}

function RoutePreview({ procedureId, fields }: { procedureId: string; fields: readonly FieldDefinition[] }) {
  const run = useApiAction();
  const [values, setValues] = useState<DossierValues>({});
  const [result, setResult] = useState<{ ok: true; label: string } | { ok: false; message: string } | null>(null);
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const answer = await run(() => api.previewRoute(procedureId, values));
    setResult(answer.ok ? { ok: true, label: answer.value.label } : { ok: false, message: failureMessage(answer.error) });
  }
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="routage-titre" className={fr.cx('fr-mt-6w')}>
      <h3 id="routage-titre">Tester le routage</h3>
      <p className={fr.cx('fr-text--sm')}>Remplissez le formulaire comme un usager : le groupe qui recevrait ce dossier s’affiche. Rien n’est enregistré.</p>
      <DossierForm id="routage" fields={fields} values={values} onChange={setValues} />
      <Button type="submit" iconId="fr-icon-search-line">
        Tester le routage
      </Button>
      <div aria-live="polite" className={fr.cx('fr-mt-2w')}>
        {result?.ok === true && (
          <p className={fr.cx('fr-text--bold')}>
            Ce dossier irait au groupe « {result.label} ».
          </p>
        )}
        {result?.ok === false && <Alert severity="error" small description={result.message} />}
      </div>
    </form>
  );
}
