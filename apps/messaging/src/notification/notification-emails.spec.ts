import { describe, expect, it } from 'vitest';
import { avisAnsweredEmail, avisRequestedEmail, newMessageEmail } from './notification-emails';

const publicUrl = 'https://guichet.example.fr';

describe('notification e-mails', () => {
  it('invites an expert with the dossier number, the introduction and the link to the avis', () => {
    const email = avisRequestedEmail({
      dossierNumber: 314,
      procedureTitle: 'Monuments',
      introduction: 'Pouvez-vous donner votre avis <vite> ?',
      requestedBy: 'instructeur@prefecture.fr',
      expertEmail: 'expert@example.fr',
      publicUrl,
    });
    expect(email.subject).toBe('Un avis vous est demandé sur le dossier n° 314');
    expect(email.text).toContain('Pouvez-vous donner votre avis <vite> ?');
    expect(email.text).toContain(`${publicUrl}/expert/avis`);
    expect(email.text).toContain('expert@example.fr');
    expect(email.html).toContain('&lt;vite&gt;');
  });

  it('tells the instructeur an avis was answered', () => {
    const email = avisAnsweredEmail({ dossierId: '0b9f3f0e-4d7a-4a53-9d0e-3a5f1c2b7e10', dossierNumber: 12, expertEmail: 'expert@example.fr', publicUrl });
    expect(email.subject).toBe('Avis rendu sur le dossier n° 12');
    expect(email.text).toContain('expert@example.fr');
    expect(email.text).toContain(`${publicUrl}/instructeur/dossiers/0b9f3f0e-4d7a-4a53-9d0e-3a5f1c2b7e10`);
  });

  it('tells the usager a message is waiting, without copying it', () => {
    const email = newMessageEmail({ dossierId: '0b9f3f0e-4d7a-4a53-9d0e-3a5f1c2b7e10', dossierNumber: 99, publicUrl });
    expect(email.subject).toBe('Nouveau message sur votre dossier n° 99');
    expect(email.text).toContain(`${publicUrl}/dossiers/0b9f3f0e-4d7a-4a53-9d0e-3a5f1c2b7e10`);
  });
});
