#!/usr/bin/env python3
"""Times one command as bench_timed reports it: wall seconds from its start to its end and the
peak RSS of its largest process (KiB), without a wrapper process of its own in the timed window.

usage: timed.py RESULT_FILE LOG_FILE [NAME=VALUE ...] CMD [ARG ...]

Leading NAME=VALUE words are set in CMD's environment (as `env` would, without starting it).
CMD's stdout and stderr go to LOG_FILE; "SECONDS RSS_KIB" goes to RESULT_FILE; the exit status
is CMD's (128 + N for a signal). `/usr/bin/time env CMD` instead adds two more processes to every
timed line (~13 ms on the 2-core VM), which the warm rows (tens of ms) cannot afford to count.
"""
import os
import re
import shutil
import sys
import time


def main():
    result_file, log_file, words = sys.argv[1], sys.argv[2], sys.argv[3:]
    env = dict(os.environ)
    while words and re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", words[0]):
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    if not words:
        sys.exit("timed.py: no command")
    program = words[0] if "/" in words[0] else shutil.which(words[0], path=env.get("PATH"))
    if program is None:
        sys.exit(f"timed.py: {words[0]}: not found")
    with open(log_file, "wb") as log, open(os.devnull, "rb") as devnull:
        actions = [
            (os.POSIX_SPAWN_DUP2, devnull.fileno(), 0),
            (os.POSIX_SPAWN_DUP2, log.fileno(), 1),
            (os.POSIX_SPAWN_DUP2, log.fileno(), 2),
        ]
        start = time.perf_counter()
        pid = os.posix_spawn(program, words, env, file_actions=actions)
        _, status, usage = os.wait4(pid, 0)
        seconds = time.perf_counter() - start
    with open(result_file, "w") as out:
        out.write(f"{seconds:.4f} {usage.ru_maxrss}\n")
    code = os.waitstatus_to_exitcode(status)
    sys.exit(code if code >= 0 else 128 - code)


if __name__ == "__main__":
    main()
