# syntax=docker/dockerfile:1
# driftwatch daemon: `docker build -t driftwatch .` then see docker-compose.yml.
# Node 22 LTS by default; the code also runs on Node 20.18+ (--build-arg NODE_VERSION=20).
ARG NODE_VERSION=22

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Scripts off: `prepare` (the build) needs the sources, copied next; no dependency needs its install script to build.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production \
    PORT=8080 \
    DRIFTWATCH_MONITORS=/app/monitors \
    DRIFTWATCH_DATA_DIR=/data/db
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY migrations ./migrations
COPY monitor.schema.json ./
# /app/monitors: mount your monitor files here (read-only is fine; edits are picked up without a restart).
# /data: the embedded PGlite database when DATABASE_URL is unset (use a volume; one replica only).
RUN mkdir -p /app/monitors /data && chown node:node /app/monitors /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "dist/cli.js", "run"]
