import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { type AdminProcedure } from '../api/types';
import { procedureStateDisplay } from './adminAccess';
import { ProcedureAdminNav, procedureAdminPath } from './ProcedureAdminNav';

/** The header every page of a procedure's administration shows: breadcrumb, title, state, tabs. */
export function ProcedureAdminHeader({ procedure, current }: { procedure: AdminProcedure; current: string }) {
  const { label, severity } = procedureStateDisplay[procedure.state];
  return (
    <>
      <Breadcrumb
        currentPageLabel={current}
        homeLinkProps={{ to: '/' }}
        segments={[
          { label: 'Mes démarches', linkProps: { to: '/admin/demarches' } },
          { label: procedure.title, linkProps: { to: procedureAdminPath(procedure.id, 'champs') } },
        ]}
        className={fr.cx('fr-mt-0')}
      />
      <h1 className={fr.cx('fr-mb-1w')}>{procedure.title}</h1>
      <p className={fr.cx('fr-mb-3w')}>
        <Badge as="span" severity={severity}>
          {label}
        </Badge>
      </p>
      <ProcedureAdminNav procedureId={procedure.id} />
    </>
  );
}
