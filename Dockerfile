# An example image. The first stage compiles the TypeScript; the second runs it.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY --from=build /app/dist ./dist
COPY data ./data
COPY locales ./locales
USER node
EXPOSE 8080
# Answers in webhook mode (GET /healthz); in long polling there is no HTTP server to ask.
HEALTHCHECK --interval=30s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# As npm start: a small young generation and one V8 background thread keep the resident memory under 100 MB.
CMD ["node", "--max-semi-space-size=2", "--v8-pool-size=1", "dist/main.js"]
