# The KPS platform's image. One image runs every role of docker-compose.yml: the web
# application (gunicorn; whitenoise serves the static files), the Celery worker, Celery
# beat and the migrations.

# --- build: dependencies, compiled translations, collected static files --------------
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PATH=/opt/venv/bin:$PATH
# msgfmt compiles the translation catalogues; the final image does not need it.
RUN apt-get update \
 && apt-get install -y --no-install-recommends gettext \
 && rm -rf /var/lib/apt/lists/*
RUN python -m venv /opt/venv
WORKDIR /app

# The dependencies of pyproject.toml in a layer of their own, so that a code change
# does not reinstall them. The platform itself runs from /app rather than from a
# `pip install .` copy: settings find templates/, static/, locale/ and demo/data/
# beside the code, and a wheel carries none of them.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" >/tmp/requirements.txt \
 && pip install -r /tmp/requirements.txt

COPY . .
RUN find locale -name '*.po' -exec sh -c 'msgfmt --check-format -o "${1%.po}.mo" "$1"' _ {} \;
# Production settings refuse to load without secrets; these are build-time dummies that
# only collectstatic sees. The real ones come from the environment at run time.
RUN DJANGO_SETTINGS_MODULE=kps.settings.production \
    DJANGO_SECRET_KEY=build-time-dummy-secret-key-used-only-by-collectstatic-never-at-run-time \
    KPS_PSEUDONYM_KEY=build-time-dummy-pseudonym-key-never-at-run-time \
    DJANGO_STATIC_ROOT=/app/static-root KPS_VAR_DIR=/tmp/var \
    python manage.py collectstatic --no-input --verbosity 0

# --- run -------------------------------------------------------------------------------
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app \
    DJANGO_SETTINGS_MODULE=kps.settings.production \
    DJANGO_STATIC_ROOT=/app/static-root \
    KPS_VAR_DIR=/app/var \
    KPS_DROP_FOLDER=/data/drop
RUN groupadd --system --gid 10001 kps \
 && useradd --system --uid 10001 --gid kps --home-dir /app --shell /usr/sbin/nologin kps
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
# Writable for the platform: var/ (beat's schedule) and the drop folder, whose ownership
# a new named volume copies from here.
RUN mkdir -p /app/var /data/drop && chown kps:kps /app/var /data/drop
USER kps
WORKDIR /app
EXPOSE 8000
# kps/gunicorn.py: workers from WEB_CONCURRENCY, threads from KPS_WEB_THREADS.
CMD ["gunicorn", "-c", "python:kps.gunicorn", "kps.wsgi"]
