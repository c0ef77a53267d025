import { randomUUID } from 'node:crypto';
import { mailTemplateKinds, procedureContracts } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { administrateurOf, attestationTemplate, instructeurOf, mailTemplates, systemCaller, usager } from '../testing/procedure.factories';
import { startProcedures, type ProceduresUnderTest } from '../testing/procedures.harness';

const tenantA = randomUUID();
const adminA = administrateurOf(tenantA);

/** `get_mail_template`: one e-mail template and the title, as `get` gives them, for messaging. */
describe('procedures: one e-mail template', () => {
  let svc: ProceduresUnderTest;

  beforeAll(async () => {
    svc = await startProcedures();
  });

  afterAll(async () => {
    await svc?.stop();
  });

  it('gives each template as get does: the administrateur’s, else the default (with its attestation line)', async () => {
    const written = await svc.createProcedure(tenantA, { fields: true, publish: true });
    const templates = mailTemplates({ initiated: { subject: 'Dépôt n° --numéro du dossier--', body: 'Bien reçu. --lien dossier--' } });
    await svc.request(procedureContracts.setTemplates, { procedureId: written.id, mailTemplates: templates }, adminA);
    const defaults = await svc.createProcedure(tenantA, { fields: true, publish: true });
    await svc.request(procedureContracts.setTemplates, { procedureId: defaults.id, attestationTemplates: [attestationTemplate()] }, adminA);
    for (const procedure of [written, defaults]) {
      const full = await svc.request(procedureContracts.get, { procedureId: procedure.id }, systemCaller(tenantA));
      for (const kind of mailTemplateKinds) {
        expect(await svc.request(procedureContracts.getMailTemplate, { procedureId: procedure.id, kind }, systemCaller(tenantA))).toEqual({ title: full.title, template: full.mailTemplates[kind] });
      }
    }
    expect((await svc.request(procedureContracts.getMailTemplate, { procedureId: written.id, kind: 'initiated' }, systemCaller(tenantA))).template).toEqual(templates.initiated);
    expect((await svc.request(procedureContracts.getMailTemplate, { procedureId: defaults.id, kind: 'closed' }, systemCaller(tenantA))).template.body).toContain('--lien attestation--');
  });

  it('answers the same readers as get: the tenant’s agents and the system; others are told it does not exist', async () => {
    const procedure = await svc.createProcedure(tenantA, { fields: true, publish: true });
    const ask = (ctx: Parameters<typeof svc.request>[2]) => svc.request(procedureContracts.getMailTemplate, { procedureId: procedure.id, kind: 'closed' }, ctx);
    for (const ctx of [systemCaller(tenantA), systemCaller(), instructeurOf(tenantA), adminA]) await expect(ask(ctx)).resolves.toMatchObject({ title: procedure.title });
    for (const ctx of [usager(), systemCaller(randomUUID()), administrateurOf(randomUUID())]) await expect(ask(ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
