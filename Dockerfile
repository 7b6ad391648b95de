# Sentry Academy: one container runs migrations, the web server and the pg-boss workers.
# Needs DATABASE_URL and SESSION_SECRET (see .env.example). Not buildable on our dev
# machines (no Docker engine); kept standard on purpose.

FROM node:20-slim AS deps
WORKDIR /app
ENV PRISMA_SCHEMA_ENGINE_BINARY=/bin/false
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY patches ./patches
COPY prisma.config.ts ./
RUN npm install --no-audit --no-fund

FROM deps AS build
COPY . .
RUN npm run build

FROM deps AS prod-deps
RUN npm prune --omit=dev

FROM node:20-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    SKIP_BUILD_CHECK=true \
    PORT=3000 \
    PRISMA_SCHEMA_ENGINE_BINARY=/bin/false
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/build ./build
COPY --from=build /app/public ./public
COPY --from=build /app/app ./app
COPY --from=build /app/jobs ./jobs
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/fakes ./fakes
COPY package.json prisma.config.ts server.ts remix.config.js ./
EXPOSE 3000
USER node
# server.ts applies pending migrations, then starts the web server and the workers.
CMD ["node", "--max-semi-space-size=32", "--import", "tsx", "server.ts"]
