# syntax=docker/dockerfile:1
# ProfAI image: one image for `api` and `worker` (and every other `profai` command).
#   docker build -t profai .
#   docker run --rm profai --help
# See docs/deployment.md.

# ── build: all dependencies, TypeScript → dist/ ───────────────────────────────────────────────────────
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would run tsc before the sources are here; nothing else needs its install
# script to compile; --omit=optional skips the Chroma server binding (~110 MB download) tsc never needs.
RUN npm ci --omit=optional --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.mjs scripts/copy-web.mjs scripts/make-pglite-template.ts ./scripts/
COPY src ./src
COPY migrations ./migrations
RUN npm run build

# ── runtime: production dependencies only, no compiler, no optional natives ───────────────────────────
FROM node:24-slim AS runtime
# HOST: a container is reached through its published port, so the API listens on every address of it; it then
# needs a credential (API_KEY or a user) and refuses to start without one (docs/access.md).
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PROFAI_DATA_DIR=/data/profai \
    UPLOAD_DIR=/data/uploads \
    DOCUMENTS_DIR=/data/documents
WORKDIR /app
# Worker children are forked through util-linux's setpriv so that they die with their supervisor
# (src/fleet/pool/parent-death.ts); Debian's util-linux is essential in -slim: fail the build if that changes.
RUN setpriv --pdeathsig KILL -- true
COPY package.json package-lock.json ./
# --omit=dev: no TypeScript, Biome, test tools. --omit=optional: no Chroma server binding (~440 MB: the
# client speaks HTTP to a Chroma server and never loads it), no esbuild binary (tsx is only used when dist/ is
# missing), and msgpackr uses its JS fallback.
# --ignore-scripts: `prepare` (tsc) is the build stage's job; dist/ is copied below.
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY migrations ./migrations
COPY examples ./examples
COPY docker/healthcheck.mjs ./docker/healthcheck.mjs
# The `node` user (uid 1000) of the base image owns the data folders, so named volumes mounted there
# start writable for it.
RUN mkdir -p /data/uploads /data/documents /data/profai && chown -R node:node /data
USER node
EXPOSE 5001
# API: GET /health answers 200. Worker: its heartbeat is live in Redis. Compose names the role.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["node", "docker/healthcheck.mjs"]
ENTRYPOINT ["node", "bin/profai.js"]
CMD ["--help"]
