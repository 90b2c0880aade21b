// The image's HEALTHCHECK (Dockerfile): exit 0 while this instance should get traffic, 1 if not.
// Asks the readiness probe, GET /api/v1/health/ready (database, Redis, auth bus, migrations; 503
// while draining). A build without that route answers it 404: then the liveness probe,
// GET /api/v1/health (a database round trip), decides.
const base = `http://127.0.0.1:${process.env.PORT || 3000}/api/v1/health`;

async function status(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(4_000) });
  await res.body?.cancel();
  return res.status;
}

try {
  let code = await status(`${base}/ready`);
  if (code === 404) code = await status(base);
  process.exit(code >= 200 && code < 300 ? 0 : 1);
} catch {
  process.exit(1);
}
