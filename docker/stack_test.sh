#!/bin/sh
# make stack-test: build the images, bring the whole stack up (PostgreSQL, Redis, migrate,
# web, Varnish) with the container engine at hand, wait until it answers, run
# docker/stack_smoke.py through Varnish, print the timings, and tear everything down
# (volumes included). Docker with its compose plugin is used when its daemon answers;
# otherwise Podman with podman-compose (COMPOSE="..." overrides). STACK_TEST_KEEP=1 leaves the
# stack running afterwards, to look at it.
#
# Machines that cannot reach the public image registry build Debian stand-ins for the base
# images first (docker/standins/build.sh); STACK_IMAGES=official|standin forces a choice.
set -eu
cd "$(dirname "$0")/.."

if [ -z "${COMPOSE:-}" ]; then
    if docker info > /dev/null 2>&1; then
        engine=docker COMPOSE="docker compose"
    elif command -v podman > /dev/null; then
        engine=podman COMPOSE=${PODMAN_COMPOSE:-podman-compose}
    else
        echo "stack-test: neither a Docker daemon nor podman is available" >&2
        exit 1
    fi
else
    engine=${CONTAINER_ENGINE:-podman}
fi
export CONTAINER_ENGINE=$engine
# Podman writes OCI images by default, which drop the Dockerfile's HEALTHCHECK.
export BUILDAH_FORMAT=docker

now() { python3 -c 'import time; print(time.monotonic())'; }
since() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$(now)"; }

images=${STACK_IMAGES:-}
if [ -z "$images" ]; then
    if $engine image inspect docker.io/library/python:3.11-slim > /dev/null 2>&1 \
        || timeout 30 $engine pull -q docker.io/library/python:3.11-slim > /dev/null 2>&1; then
        images=official
    else
        images=standin
    fi
fi
if [ "$images" = standin ]; then
    start=$(now)
    sh docker/standins/build.sh > /tmp/wecitizens-standins.log 2>&1 \
        || { tail -40 /tmp/wecitizens-standins.log; exit 1; }
    echo "stand-in base images ready in $(since "$start") s (docker/standins/build.sh)"
    prefix=${STANDIN_PREFIX:-localhost/wecitizens-standin}
    export PYTHON_IMAGE=$prefix/python:3.11-slim POSTGRES_IMAGE=$prefix/postgres:15 \
        REDIS_IMAGE=$prefix/redis:7 VARNISH_IMAGE=$prefix/varnish:7
fi

port=${STACK_TEST_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
base=http://localhost:$port
project=wecitizens-stack-test
export COMPOSE_PROJECT_NAME=$project WECITIZENS_HTTP_PORT=$port WECITIZENS_SITE_URL=$base \
    DJANGO_CSRF_TRUSTED_ORIGINS=$base WEB_IMAGE=localhost/wecitizens-web:stack-test \
    DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_SECURE_COOKIES=0 \
    DJANGO_SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')
compose() { $COMPOSE -p "$project" -f docker-compose.yml "$@"; }

finish() {
    status=$?
    if [ $status -ne 0 ]; then
        echo "--- stack-test failed; the containers' last log lines:" >&2
        compose logs --tail 60 >&2 2>&1 || true
    fi
    if [ "${STACK_TEST_KEEP:-0}" = 1 ]; then
        echo "kept running (STACK_TEST_KEEP=1): $base; remove it with: $COMPOSE -p $project down -v"
    else
        compose down -v > /dev/null 2>&1 || true
    fi
    exit $status
}
trap finish EXIT INT TERM

echo "stack-test: $COMPOSE, $images base images, http port $port"
compose down -v > /dev/null 2>&1 || true
start=$(now)
compose build > /tmp/wecitizens-stack-build.log 2>&1 || { tail -40 /tmp/wecitizens-stack-build.log; exit 1; }
echo "built in $(since "$start") s; web image $($engine image inspect "$WEB_IMAGE" --format '{{.Size}}' | awk '{printf "%.0f MB", $1 / 1e6}')"

start=$(now)
compose up -d > /tmp/wecitizens-stack-up.log 2>&1 || { cat /tmp/wecitizens-stack-up.log; exit 1; }
deadline=$(( $(date +%s) + ${STACK_TEST_START_TIMEOUT:-300} ))
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/healthz")" = 200 ]; do
    if [ "$(date +%s)" -gt "$deadline" ]; then
        echo "the stack did not answer /healthz in time" >&2
        exit 1
    fi
    sleep 1
done
echo "up: /healthz 200 through Varnish $(since "$start") s after 'up' (first start: migrations and content)"

password=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')
compose exec -T -e DJANGO_SUPERUSER_PASSWORD="$password" -e DJANGO_LOG_LEVEL=WARNING web \
    python manage.py createsuperuser --noinput --username stack-test --email stack-test@example.org
python3 docker/stack_smoke.py "$base" stack-test "$password"

# A new web container's start, as after a deploy: no migrations, no collectstatic.
web_started() {
    $engine inspect --format '{{.State.StartedAt}}' "$($engine ps -q \
        --filter "label=com.docker.compose.project=$project" \
        --filter "label=com.docker.compose.service=web")"
}
first_start=$(web_started)
start=$(now)
deadline=$(( $(date +%s) + ${STACK_TEST_START_TIMEOUT:-300} ))
compose restart web > /dev/null 2>&1
if [ "$(web_started)" = "$first_start" ]; then
    echo "the web container did not restart" >&2
    exit 1
fi
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/healthz")" = 200 ]; do
    if [ "$(date +%s)" -gt "$deadline" ]; then echo "no answer after restart" >&2; exit 1; fi
    sleep 0.2
done
echo "web restart to /healthz 200: $(since "$start") s"
echo "stack-test passed"
