// Shared by the benchmarks (npm run bench:*): a keep-alive HTTP client with the session cookie,
// percentiles and load loops, and the 30-field procedure the issue's figures are measured with.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

// ---------------------------------------------------------------- HTTP client (keep-alive, cookie)

export const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** One request; resolves { status, body, ms }. */
export function send(base, method, path, { cookie, body } = {}) {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const url = new URL(path, base);
  const headers = { accept: 'application/json', ...(cookie ? { cookie } : {}), ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}) };
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request({ agent, hostname: url.hostname, port: url.port, path: url.pathname + url.search, method, headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          parsed = text;
        }
        const setCookie = response.headers['set-cookie']?.map((line) => line.split(';')[0]).find((pair) => pair.startsWith('guichet_session='));
        resolve({ status: response.statusCode, body: parsed, ms: performance.now() - started, setCookie });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    if (payload) request.write(payload);
    request.end();
  });
}

export async function expectOk(what, promise, accepted = [200, 201, 204]) {
  const response = await promise;
  if (!accepted.includes(response.status)) throw new Error(`${what}: HTTP ${response.status} ${JSON.stringify(response.body)}`);
  return response;
}

export async function signIn(base, email, password) {
  const response = await expectOk(`sign-in of ${email}`, send(base, 'POST', '/api/auth/signin', { body: { email, password } }));
  return response.setCookie;
}

// ---------------------------------------------------------------- statistics

export const p = (samples, q) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
};
export const f2 = (value) => value.toFixed(2);

/** Sequential requests from one client: the latency of each. */
export async function latencySamples(run, { warmup, count }) {
  for (let index = 0; index < warmup; index += 1) await run();
  const samples = [];
  for (let index = 0; index < count; index += 1) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return samples;
}

/** `clients` loops for `durationS` seconds (after a short warm-up): completed runs and seconds. `run` is told whether it counts. */
export async function throughput(clients, run, durationS, warmupS = 0.5) {
  let stopAt = performance.now() + warmupS * 1000;
  let counting = false;
  let done = 0;
  const loop = async (client) => {
    while (performance.now() < stopAt) {
      await run(client, counting);
      if (counting) done += 1;
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, client) => loop(client)));
  counting = true;
  done = 0;
  const started = performance.now();
  stopAt = started + durationS * 1000;
  await Promise.all(Array.from({ length: clients }, (_, client) => loop(client)));
  return { done, seconds: (performance.now() - started) / 1000 };
}

// ---------------------------------------------------------------- the procedure: 30 fields, and values

export function fields30() {
  const fields = [];
  const add = (type, label, options = {}, count = 1) => {
    for (let index = 1; index <= count; index += 1) fields.push({ stableId: randomUUID(), type, label: count > 1 ? `${label} ${index}` : label, description: '', mandatory: true, options });
  };
  add('text', 'Texte', { maxLength: 200 }, 6);
  add('textarea', 'Texte long', {}, 2);
  add('integer_number', 'Nombre entier', { min: 0 }, 3);
  add('decimal_number', 'Nombre décimal', { decimalPlaces: 2 }, 3);
  add('date', 'Date', {}, 4);
  add('checkbox', 'Case à cocher', {}, 3);
  add('yes_no', 'Oui ou non', {}, 3);
  add('drop_down_list', 'Choix', { choices: ['Premier', 'Deuxième', 'Troisième', 'Quatrième'] }, 4);
  add('email', 'Courriel de contact');
  add('phone', 'Téléphone');
  return fields;
}

export function valuesFor(fields) {
  const values = {};
  fields.forEach((field, index) => {
    const sample = {
      text: `Réponse ${index} de l’usager`,
      textarea: 'Un texte plus long, sur plusieurs lignes.\nDeuxième ligne de la réponse.',
      integer_number: 40 + index,
      decimal_number: '12,5',
      date: `2024-0${1 + (index % 9)}-1${index % 10}`,
      checkbox: true,
      yes_no: index % 2 === 0,
      drop_down_list: 'Deuxième',
      email: 'contact@example.fr',
      phone: '01 23 45 67 89',
    }[field.type];
    values[field.stableId] = sample;
  });
  return values;
}

export const mailTemplates = {
  initiated: { subject: 'Dossier n° --numéro du dossier-- déposé', body: 'Bonjour --prénom-- --nom--, votre dossier n° --numéro du dossier-- a bien été déposé le --date de dépôt--.' },
  received: { subject: 'Dossier n° --numéro du dossier-- en instruction', body: 'Votre dossier n° --numéro du dossier-- est en cours d’instruction.' },
  closed: { subject: 'Dossier n° --numéro du dossier-- accepté', body: 'Votre dossier n° --numéro du dossier-- a été accepté : --motivation--.' },
  refused: { subject: 'Dossier n° --numéro du dossier-- refusé', body: 'Votre dossier a été refusé : --motivation--' },
  without_continuation: { subject: 'Dossier n° --numéro du dossier-- classé sans suite', body: 'Votre dossier a été classé sans suite : --motivation--' },
  re_instructed: { subject: 'Dossier n° --numéro du dossier-- de nouveau en instruction', body: 'Votre dossier est de nouveau en instruction.' },
};

/**
 * Receives the services' spans (OTLP over HTTP, JSON) while `keep(true)`; `report(title)` prints the
 * count and p50 of each span name per service (SQL statements by their text): where a request waits.
 */
export async function startSpanReceiver(log) {
  const spans = [];
  let keep = false;
  const server = http.createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      try {
        const payload = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        for (const resource of payload.resourceSpans ?? []) {
          const service = resource.resource?.attributes?.find((attribute) => attribute.key === 'service.name')?.value?.stringValue ?? '?';
          for (const scope of resource.scopeSpans ?? []) {
            for (const span of scope.spans ?? []) {
              if (!keep) continue;
              const statement = span.attributes?.find((attribute) => attribute.key === 'db.query.text')?.value?.stringValue;
              const ms = (Number(BigInt(span.endTimeUnixNano) - BigInt(span.startTimeUnixNano)) / 1e6);
              spans.push({ service: service.replace(/^guichet-/, ''), name: statement ? `SQL ${statement.replace(/\s+/g, ' ').slice(0, 90)}` : span.name, ms });
            }
          }
        }
      } catch {
        // ignored
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    keep: (value) => (keep = value),
    report(title) {
      const groups = new Map();
      for (const span of spans) {
        const key = `${span.service.padEnd(10)} ${span.name}`;
        groups.set(key, [...(groups.get(key) ?? []), span.ms]);
      }
      log(`${title}: spans (count, p50 ms), by service`);
      for (const [key, samples] of [...groups].sort((a, b) => a[0].localeCompare(b[0]))) console.log(`  ${String(samples.length).padStart(6)} ${f2(p(samples, 0.5)).padStart(8)}  ${key}`);
      spans.length = 0;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

// ---------------------------------------------------------------- CPU time per process

/**
 * CPU milliseconds (user + system) used so far by every process of the machine, summed per label:
 * `labelOf(pid)` names the processes of interest (a service, the floor), PostgreSQL backends and
 * the NATS server are labelled by their command, this process is `client`, the rest `other`.
 */
export function cpuTimes(labelOf) {
  const ticksToMs = 10; // USER_HZ is 100 on Linux
  const totals = {};
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pid = Number(entry);
    const label = labelOf(pid) ?? (command.startsWith('postgres') ? 'postgres' : command.startsWith('nats-server') ? 'nats' : pid === process.pid ? 'client' : 'other');
    totals[label] = (totals[label] ?? 0) + (Number(fields[11]) + Number(fields[12])) * ticksToMs;
  }
  return totals;
}

/** Adds `after - before` (two `cpuTimes` readings) into `into`. */
export function addCpu(into, before, after) {
  for (const [label, ms] of Object.entries(after)) into[label] = (into[label] ?? 0) + ms - (before[label] ?? 0);
}

/** `label=ms …` per unit of work, the heaviest first, with the total; labels under 0.05 ms left out. */
export function cpuPerUnit(totals, units) {
  const rows = Object.entries(totals)
    .map(([label, ms]) => [label, ms / units])
    .filter(([, ms]) => ms >= 0.05)
    .sort((a, b) => b[1] - a[1]);
  return `${rows.map(([label, ms]) => `${label}=${ms.toFixed(2)}`).join(' ')} total=${rows.reduce((sum, [, ms]) => sum + ms, 0).toFixed(2)}`;
}
