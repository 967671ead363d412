"""newsdesk's WSGI application, counting the database queries each request makes.

Used for the spike benchmark only: requests that query the database (renders) add their count to
``bench:queries`` and ``bench:querying_requests`` in the benchmark's Redis database; cache hits
make no queries and touch nothing extra.
"""

import os

import redis
from django.db import connections

from newsdesk.wsgi import application as newsdesk_application

counter = redis.Redis.from_url(os.environ["CACHE_URL"])


def application(environ, start_response):
    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    with connections["default"].execute_wrapper(count):
        response = newsdesk_application(environ, start_response)
    if queries:
        counter.incrby("bench:queries", queries)
        counter.incr("bench:querying_requests")
    return response
