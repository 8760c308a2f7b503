# The production image: gunicorn serving WeCitizens with the production settings.
#
# Base images are build arguments, so machines that cannot reach the public registry can pass
# local stand-ins (docker/standins/build.sh). Dependencies come from requirements.lock, pinned
# with hashes (`make lock` refreshes it from pyproject.toml).
ARG PYTHON_IMAGE=python:3.11-slim

FROM ${PYTHON_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
COPY requirements.lock /tmp/requirements.lock
RUN /opt/venv/bin/pip install --require-hashes --no-deps -r /tmp/requirements.lock
WORKDIR /app
COPY . .
# Static files are collected (hashed and compressed) once, here, not on every start.
RUN DJANGO_SETTINGS_MODULE=config.settings.production DJANGO_SECRET_KEY=collectstatic-only \
    DJANGO_STATIC_ROOT=/app/staticfiles /opt/venv/bin/python manage.py collectstatic --noinput -v0 \
    && /opt/venv/bin/python -m compileall -q -j0 /app /opt/venv/lib > /dev/null

FROM ${PYTHON_IMAGE}
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    DJANGO_STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/media
# FriBiDi lets Pillow's Raqm shape Thai in the share pictures and quote cards.
RUN apt-get update \
    && apt-get install -y --no-install-recommends -o Acquire::Retries=5 libfribidi0 \
    && apt-get clean && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 wecitizens \
    && mkdir -p /app/media && chown wecitizens:wecitizens /app/media
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
WORKDIR /app
USER wecitizens
EXPOSE 8000
VOLUME /app/media
# /healthz checks the database and the cache (200 or 503); it is exempt from the HTTPS redirect.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
    CMD ["python", "docker/healthcheck.py"]
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["gunicorn", "--config", "docker/gunicorn.conf.py", "config.wsgi:application"]
