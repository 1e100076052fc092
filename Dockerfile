# One image for every process (api, worker, slack-bot); the command picks the entry point.
# TypeScript runs through ts-node (transpile only), as with `npm start`: no build step to drift.
# The attribution console is built in a first stage (vite is a dev dependency); only its dist is copied.
FROM node:20-slim AS console
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY scripts/build-console.js ./scripts/
COPY apps/console ./apps/console
RUN node scripts/build-console.js --force

FROM node:20-slim

WORKDIR /app
ENV NODE_ENV=production

COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY scripts ./scripts
COPY libs ./libs
COPY apps ./apps
COPY src ./src
COPY --from=console /app/apps/console/dist ./apps/console/dist

USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=120s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "scripts/run.js", "apps/api/src/main.ts"]
