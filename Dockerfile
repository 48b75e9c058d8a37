# One image for the Node services of docker-compose.yml: the exporter and the Alertmanager webhook.
# Build a service with its target: `docker build --target exporter .` / `--target webhook`.
# NOT built on the development machine (no Docker engine there); see README "docker-compose".

FROM node:20-bookworm-slim AS build
WORKDIR /app
# Dependencies first (cached while only sources change). The Grafana plugin and the test workspace are
# not part of the services and are left out.
COPY package.json package-lock.json tsconfig.json tsconfig.base.json ./
COPY models/package.json models/
COPY haproxy-runtime/package.json haproxy-runtime/
COPY service-kit/package.json service-kit/
COPY exporter/package.json exporter/
COPY alertmanager-webhook/package.json alertmanager-webhook/
RUN npm ci --ignore-scripts --no-audit --no-fund \
      -w @shadowfleet/models -w @shadowfleet/haproxy-runtime -w @shadowfleet/service-kit -w @shadowfleet/exporter -w @shadowfleet/alertmanager-webhook --include-workspace-root
COPY models models
COPY haproxy-runtime haproxy-runtime
COPY service-kit service-kit
COPY exporter exporter
COPY alertmanager-webhook alertmanager-webhook
COPY data/samples data/samples
# The shipped Prometheus, Alertmanager and pool settings (the ones docker-compose.yml mounts): the exporter
# derives the real path's actuation delay from them, and its policy previews simulate with it
# (exporter/src/sim/actuation-delay.ts, docs/simulation.md).
COPY provisioning/prometheus provisioning/prometheus
COPY provisioning/alertmanager provisioning/alertmanager
COPY provisioning/pools.json provisioning/pools.json
RUN npx tsc -b models haproxy-runtime service-kit exporter alertmanager-webhook \
 && npm prune --omit=dev --no-audit --no-fund \
      -w @shadowfleet/models -w @shadowfleet/haproxy-runtime -w @shadowfleet/service-kit -w @shadowfleet/exporter -w @shadowfleet/alertmanager-webhook --include-workspace-root

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]

FROM runtime AS exporter
ENV SHADOWFLEET_HOST=0.0.0.0 SHADOWFLEET_PORT=9464 SHADOWFLEET_DATA_DIR=/data
EXPOSE 9464
CMD ["node", "exporter/bin/shadowfleet.js", "start"]

FROM runtime AS webhook
ENV SHADOWFLEET_WEBHOOK_HOST=0.0.0.0 SHADOWFLEET_WEBHOOK_PORT=9095 SHADOWFLEET_WEBHOOK_DATA_DIR=/data
EXPOSE 9095
CMD ["node", "alertmanager-webhook/bin/shadowfleet-webhook.js"]
