"""A small HTTP load generator: several processes, each requesting one URL in a loop for a few seconds."""

import http.client
import multiprocessing
import time


def _client(host, port, path, seconds, results):
    done = failed = 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        connection = http.client.HTTPConnection(host, port, timeout=10)
        try:
            connection.request("GET", path, headers={"Host": "localhost", "X-Forwarded-Proto": "https"})
            response = connection.getresponse()
            response.read()
            if response.status == 200:
                done += 1
            else:
                failed += 1
        except OSError:
            failed += 1
        finally:
            connection.close()
    results.put((done, failed))


def requests_per_second(host, port, path, *, seconds=5.0, concurrency=4):
    """Successful requests per second over ``seconds`` with ``concurrency`` clients."""
    results = multiprocessing.Queue()
    clients = [
        multiprocessing.Process(target=_client, args=(host, port, path, seconds, results))
        for _ in range(concurrency)
    ]
    for client in clients:
        client.start()
    totals = [results.get() for _ in clients]
    for client in clients:
        client.join()
    done = sum(count for count, _failed in totals)
    failed = sum(failed for _done, failed in totals)
    return done / seconds, failed
