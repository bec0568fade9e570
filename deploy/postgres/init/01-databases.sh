#!/usr/bin/env bash
# Runs once, on the first start of an empty PostgreSQL volume (docker-entrypoint-initdb.d).
# One database and one owning role per service, so that no service can read another's data
# (the state cache owns `statecache`, the gateway owns `simulations`); Grafana gets a read-only
# role on `simulations` for the simulation-results dashboard. Flyway in each service owns the schema.
set -euo pipefail

: "${STATECACHE_DB_PASSWORD:?set STATECACHE_DB_PASSWORD}"
: "${SIMULATIONS_DB_PASSWORD:?set SIMULATIONS_DB_PASSWORD}"
: "${GRAFANA_DB_PASSWORD:?set GRAFANA_DB_PASSWORD}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
     -v statecache_pw="$STATECACHE_DB_PASSWORD" \
     -v simulations_pw="$SIMULATIONS_DB_PASSWORD" \
     -v grafana_pw="$GRAFANA_DB_PASSWORD" <<'SQL'
CREATE ROLE statecache LOGIN PASSWORD :'statecache_pw';
CREATE ROLE simulations LOGIN PASSWORD :'simulations_pw';
CREATE ROLE grafana_reader LOGIN PASSWORD :'grafana_pw';
CREATE DATABASE statecache OWNER statecache;
CREATE DATABASE simulations OWNER simulations;
REVOKE ALL ON DATABASE statecache FROM PUBLIC;
REVOKE ALL ON DATABASE simulations FROM PUBLIC;
GRANT CONNECT ON DATABASE simulations TO grafana_reader;
\connect simulations
GRANT USAGE ON SCHEMA public TO grafana_reader;
-- Tables that the gateway's Flyway migrations create later are readable by Grafana too.
ALTER DEFAULT PRIVILEGES FOR ROLE simulations IN SCHEMA public GRANT SELECT ON TABLES TO grafana_reader;
SQL
