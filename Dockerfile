# An example image. The first stage checks the types and bundles the bot (esbuild) into dist/;
# the second runs it. The bundle loads a few packages from node_modules at run time (the
# table's rasteriser, fontkit and fonts, ioredis), so the production dependencies are installed.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY app ./app
COPY scripts ./scripts
# The build also reads data/ once and writes it as dist/reference.json, which the bot starts from.
COPY data ./data
RUN npm run build

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY --from=build /app/dist ./dist
COPY data ./data
COPY locales ./locales
COPY scripts/healthcheck.mjs ./scripts/
USER node
EXPOSE 8080
# Long polling writes this file after every getUpdates that worked (at least every 30 s);
# webhook mode answers GET /healthz. The check accepts either.
ENV HEALTH_FILE=/tmp/bot-health
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s CMD ["node", "scripts/healthcheck.mjs"]
# As npm start: a small young generation, an old generation of at most 64 MB and one V8
# background thread keep the resident memory under 100 MB, under load too; without V8's
# allocation-site pretenuring, grammY's objects of each update die young (see README).
CMD ["node", "--max-semi-space-size=1", "--max-old-space-size=64", "--v8-pool-size=1", "--no-allocation-site-pretenuring", "dist/main.cjs"]
