# The runner (`hubsheet`) as a container job: Cloud Run Jobs triggered by Cloud Scheduler (README,
# "Running past Apps Script's limits"). Build: docker build -t hubsheet-runner .
# Not built on the machine these files were written on (no Docker engine there).

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json ./
COPY scripts/build-runner.ts scripts/
COPY src src
RUN npx tsx scripts/build-runner.ts

FROM node:20-bookworm-slim AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
# Only what the runner needs at run time: @googleapis/sheets (and zod, bundled anyway).
RUN npm ci --omit=dev --ignore-scripts

FROM gcr.io/distroless/nodejs20-debian12:nonroot
WORKDIR /app
COPY --from=dependencies /app/node_modules node_modules
COPY --from=build /app/dist/runner dist/runner
COPY package.json ./
COPY bin/hubsheet.mjs bin/
# The image's entry point is node; the job's arguments replace this default.
CMD ["bin/hubsheet.mjs", "sync"]
