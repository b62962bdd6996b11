"""Routing a rule script's messages, warnings and errors into its log file."""

import atexit
import logging
import signal
import sys
import time


def route_to(log_path):
    """Send logging, warnings and any uncaught error of this process to ``log_path``.

    The error is also left on stderr, so Snakemake shows it as well. SIGTERM is
    turned into ``SystemExit``, so that cleanup code runs. Returns the root logger.
    """
    logging.basicConfig(
        filename=log_path,
        filemode="w",
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        force=True,
    )
    logging.captureWarnings(True)
    log = logging.getLogger()
    started = time.perf_counter()

    def log_uncaught(kind, error, trace):
        log.error("failed: %s", error, exc_info=(kind, error, trace))
        sys.__excepthook__(kind, error, trace)

    sys.excepthook = log_uncaught

    # Python's default for SIGTERM (a scheduler's time limit, Snakemake stopping its
    # jobs) ends the process on the spot; as an exception it runs the cleanup of
    # fashion_clustering.files.atomic_path, so no temporary file is left behind.
    def exit_on_sigterm(signal_number, frame):
        log.warning("stopped by SIGTERM before finishing")
        raise SystemExit(128 + signal_number)

    signal.signal(signal.SIGTERM, exit_on_sigterm)
    atexit.register(lambda: log.info("done in %.1f s", time.perf_counter() - started))
    return log
