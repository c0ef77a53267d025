import { describe, expect, it } from 'vitest';
import { instructs, reachesWorkspace, workspaceTitle } from './workspace';

describe('the agents’ workspace', () => {
  it('is reached by instructeurs and administrateurs; only instructeurs instruct', () => {
    expect(reachesWorkspace(['usager', 'instructeur'])).toBe(true);
    expect(reachesWorkspace(['usager', 'administrateur'])).toBe(true);
    expect(reachesWorkspace(['usager'])).toBe(false);
    expect(reachesWorkspace(['usager', 'expert', 'operator'])).toBe(false);
    expect(instructs(['usager', 'administrateur'])).toBe(false);
    expect(instructs(['usager', 'administrateur', 'instructeur'])).toBe(true);
  });

  it('is named for what it holds: procedures to instruct, or the dossiers of the procedures one administers', () => {
    expect(workspaceTitle(['usager', 'instructeur'])).toBe('Mes démarches à instruire');
    expect(workspaceTitle(['usager', 'administrateur', 'instructeur'])).toBe('Mes démarches à instruire');
    expect(workspaceTitle(['usager', 'administrateur'])).toBe('Les dossiers de mes démarches');
    // While the session loads.
    expect(workspaceTitle(undefined)).toBe('Mes démarches à instruire');
  });
});
