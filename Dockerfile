# One image for every process (api, worker, slack-bot); the command picks the entry point.
# Build stage: dependencies with the dev tools, TypeScript compiled to dist/ (tsc -p
# tsconfig.build.json), the web console bundled when the project has one, then the dev
# dependencies pruned. Runtime stage: plain JavaScript on Node 22 LTS, as the non-root `node` user.
FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY scripts ./scripts
COPY libs ./libs
COPY apps ./apps
COPY src ./src
RUN npm run build \
  && npm run build:console --if-present \
  && mkdir -p apps/console/dist \
  && npm prune --omit=dev --no-audit --no-fund \
  && npm cache clean --force

FROM node:22-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json /app/tsconfig.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/apps/console/dist ./apps/console/dist
COPY --from=build /app/scripts/run-dist.js ./scripts/run-dist.js
# DATA_DIR (embedded PostgreSQL, generated secrets) when no volume is mounted: owned by `node`.
RUN mkdir -p /app/.data && chown node:node /app/.data

USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=120s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "scripts/run-dist.js", "apps/api/src/main.js"]
