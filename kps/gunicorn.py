"""gunicorn's settings in production: ``gunicorn -c python:kps.gunicorn kps.wsgi``.

Threads (gthread) let a worker answer another request while one waits on the database;
processes use the cores. Three workers of two threads kept two cores busy in the load
benchmark (``bench/load.py``, README); more processes only add memory (each holds pandas
and Plotly). The application is loaded once, before the workers are forked
(``preload_app``, with ``kps.wsgi`` warming it), so a new worker's first request is no
slower than its next, and the workers share that memory until they write to it.
"""

import os

bind = os.environ.get("KPS_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
threads = int(os.environ.get("KPS_WEB_THREADS", "2"))
worker_class = "gthread" if threads > 1 else "sync"
preload_app = True
timeout = 60
# Requests wait in the kernel's queue, not refused, when every thread is busy.
backlog = 2048
accesslog = os.environ.get("KPS_ACCESS_LOG", "-") or None
