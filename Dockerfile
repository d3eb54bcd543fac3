# elixir-agent — production image (Probot server + the toolchain the sandbox runs).
# Not built in this project's CI (no Docker engine there); see README "Running in Docker".
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    LANG=C.UTF-8 \
    ELIXIR_AGENT_WORK_DIR=/var/lib/elixir-agent/work \
    ELIXIR_AGENT_CACHE_DIR=/var/lib/elixir-agent/cache
# Elixir/OTP + Dialyzer for the toolchain, bubblewrap for the sandbox, PostgreSQL server binaries
# for per-job databases, git for checkouts.
RUN apt-get update \
 && apt-get install -y --no-install-recommends elixir erlang-dialyzer erlang-dev bubblewrap git \
      postgresql util-linux ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /var/lib/elixir-agent/work /var/lib/elixir-agent/cache
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json app.yml ./
COPY agent ./agent
EXPOSE 3000
# bubblewrap needs user namespaces: run the container with
#   --security-opt seccomp=unconfined --security-opt apparmor=unconfined
# or use ELIXIR_AGENT_SANDBOX=docker with the host's Docker socket mounted.
CMD ["node", "dist/server.js"]
