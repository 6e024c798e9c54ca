// Runs the graphql-http server audit suite (the GraphQL-over-HTTP spec's
// conformance checks) against a live GraphQL endpoint.
//
//   node audit.mjs http://127.0.0.1:8080/graphql
//
// Prints every audit; exits 1 when any MUST fails, 0 otherwise. SHOULD and
// MAY audits that fail are reported as warnings and notices.
import { auditServer } from 'graphql-http';

const url = process.argv[2] || process.env.ENTENTE_GRAPHQL_URL;
if (!url) {
  console.error('usage: node audit.mjs URL');
  process.exit(2);
}

const results = await auditServer({ url });
const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
for (const r of results) {
  counts[r.status]++;
  if (r.status === 'ok') {
    console.log(`ok     ${r.name}`);
    continue;
  }
  let body = '';
  try {
    body = await r.response.text();
  } catch {
    // the body was read by the audit already
  }
  const label = { error: 'FAIL', warn: 'warn', notice: 'notice' }[r.status];
  console.log(`${label.padEnd(6)} ${r.name}\n       ${r.reason}` +
    (r.response ? `\n       status ${r.response.status} ${r.response.headers.get('content-type') ?? ''} ${body.slice(0, 200)}` : ''));
}
console.log(`\n${results.length} audits: ${counts.ok} ok, ${counts.error} MUST failed, ${counts.warn} SHOULD failed, ${counts.notice} MAY failed`);
process.exit(counts.error > 0 ? 1 : 0);
