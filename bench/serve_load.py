#!/usr/bin/env python3
"""Load test of `newsdex serve`: N concurrent clients send faceted searches for S seconds
over loopback, each waiting for its answer before the next request; prints requests,
errors, throughput and latency percentiles (median, p90, p99, max) as JSON.

Usage:
  newsdex --index IDX serve --addr 127.0.0.1:8080 &
  bench/serve_load.py --base http://127.0.0.1:8080 --clients 50 --seconds 30

The searches rotate over a few words with the facets and timeline the page asks for.
Python's threads keep up with one server on loopback (each client is idle while the
server works); the client's own overhead is included in the figures, so they are an
upper bound on the server's latency.
"""

import argparse
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

WORDS = ["oil", "sanctions", "talks", "prices", "minister", "bank", "election", ""]
FACETS = "country,official,person,place,agency,year"


def client(base, deadline, latencies, errors, index):
    n = index
    while time.monotonic() < deadline:
        query = urllib.parse.urlencode(
            {"q": WORDS[n % len(WORDS)], "facets": FACETS, "timeline": "month", "limit": 10}
        )
        n += 1
        start = time.monotonic()
        try:
            with urllib.request.urlopen(f"{base}/api/search?{query}", timeout=10) as response:
                response.read()
                if response.status != 200:
                    errors.append(response.status)
                    continue
        except (urllib.error.URLError, OSError) as err:
            errors.append(str(err))
            continue
        latencies.append(time.monotonic() - start)


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    k = min(len(sorted_values) - 1, int(round(p / 100 * (len(sorted_values) - 1))))
    return sorted_values[k]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:8080")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    latencies, errors = [], []
    deadline = time.monotonic() + args.seconds
    threads = [
        threading.Thread(target=client, args=(args.base, deadline, latencies, errors, i))
        for i in range(args.clients)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()
    ms = lambda s: None if s is None else round(s * 1000, 2)
    print(
        json.dumps(
            {
                "clients": args.clients,
                "seconds": args.seconds,
                "requests": len(latencies),
                "errors": len(errors),
                "first_errors": errors[:5],
                "requests_per_s": round(len(latencies) / args.seconds, 1),
                "median_ms": ms(percentile(latencies, 50)),
                "p90_ms": ms(percentile(latencies, 90)),
                "p99_ms": ms(percentile(latencies, 99)),
                "max_ms": ms(latencies[-1] if latencies else None),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
