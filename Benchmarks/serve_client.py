#!/usr/bin/env python3
"""Uploads files to `assay serve` from N concurrent clients and reports throughput and latency.

    serve_client.py TOKENS BASE[,BASE...] DATANET CLIENTS FILE...

TOKENS is a file of `contributor<TAB>token` lines; each FILE's contributor is the first folder of
its path relative to the datanet (the make_datanet.py layout, contributor/text/...), so every file
goes up under its own contributor's token. Clients take files from one queue and spread over the
BASE addresses in turn (two server processes on one PostgreSQL ledger). Each upload is a raw
body with ?name=, as a streaming client sends it.

Prints one line: uploads, seconds, uploads/s, p50 and p99 latency in ms, and the status counts.
"""
import http.client
import os
import queue
import sys
import threading
import time
import urllib.parse

tokens_file, bases, datanet, clients = sys.argv[1], sys.argv[2].split(","), sys.argv[3], int(sys.argv[4])
files = sys.argv[5:]
tokens = dict(line.rstrip("\n").split("\t") for line in open(tokens_file) if "\t" in line)
work = queue.Queue()
for path in files:
    work.put(path)
latencies, statuses, lock = [], {}, threading.Lock()


def client(index):
    base = urllib.parse.urlparse(bases[index % len(bases)])
    connection = http.client.HTTPConnection(base.hostname, base.port, timeout=300)
    while True:
        try:
            path = work.get_nowait()
        except queue.Empty:
            return
        contributor = path.split("/")[-4]
        body = open(path, "rb").read()
        name = urllib.parse.quote(os.path.basename(path))
        started = time.monotonic()
        connection.request("POST", f"/datanets/{datanet}/files?name={name}", body=body,
                           headers={"Authorization": "Bearer " + tokens[contributor], "Content-Type": "application/octet-stream"})
        response = connection.getresponse()
        response.read()
        elapsed = time.monotonic() - started
        with lock:
            latencies.append(elapsed)
            statuses[response.status] = statuses.get(response.status, 0) + 1


started = time.monotonic()
threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
seconds = time.monotonic() - started
latencies.sort()
p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000
print(f"{len(latencies)} {seconds:.2f} {len(latencies) / seconds:.1f} {p(0.5):.0f} {p(0.99):.0f} "
      + ",".join(f"{k}:{v}" for k, v in sorted(statuses.items())))
