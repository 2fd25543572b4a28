"""Counting the queries a piece of the bench runs (Django's own log needs DEBUG and keeps 9,000)."""

import contextlib

from django.db import connection


@contextlib.contextmanager
def counting():
    """The queries run inside, one entry each."""
    executed = []

    def count(execute, sql, params, many, context):
        executed.append(1)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        yield executed
