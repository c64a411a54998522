"""Run one command and report its wall time and peak memory: the benchmark's stopwatch.

    python measure.py RESULT.json COMMAND [ARG ...]

Times ``subprocess.run(COMMAND)`` with ``time.perf_counter`` and writes
``{"seconds": …, "maxrss_kb": …, "returncode": …}`` to RESULT.json. ``maxrss_kb`` is
``getrusage(RUSAGE_CHILDREN).ru_maxrss``: the peak resident set of the largest process in
the command's tree (the command itself or any child it waited for, e.g. Pagefind under
``briefing build``). This process starts no other child, so nothing else is counted.
Standard input, output and error are the command's own.
"""

import json
import resource
import subprocess
import sys
import time


def main() -> int:
    result_path, command = sys.argv[1], sys.argv[2:]
    start = time.perf_counter()
    returncode = subprocess.run(command, check=False).returncode
    seconds = time.perf_counter() - start
    maxrss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    with open(result_path, "w", encoding="utf-8") as out:
        json.dump({"seconds": seconds, "maxrss_kb": maxrss, "returncode": returncode}, out)
    return returncode


if __name__ == "__main__":
    sys.exit(main())
