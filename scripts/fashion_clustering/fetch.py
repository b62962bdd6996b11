"""Getting the four Fashion-MNIST files: copied from a local folder or downloaded."""

import logging
import shutil
import urllib.error
import urllib.request
from pathlib import Path

from .files import atomic_path
from .idx import IdxFormatError, sha256_of_payload

log = logging.getLogger(__name__)


class DataUnavailableError(RuntimeError):
    """No configured source holds a valid copy of a file."""


def verify_payload(path, expected_sha256, source):
    """Raise ``IdxFormatError`` unless the decompressed ``path`` has the given hash.

    ``path`` is the temporary copy; errors name ``source``, the file or URL it came
    from, and the config key that holds the expected hash.
    """
    found = sha256_of_payload(path, source)
    if found != expected_sha256:
        raise IdxFormatError(
            f"{source}: SHA-256 of the decompressed payload is {found}, expected "
            f"{expected_sha256} (config key data.sha256.{Path(str(source)).name})"
        )


def _download(url, destination, timeout):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        with open(destination, "wb") as stream:
            shutil.copyfileobj(response, stream)


def fetch_file(filename, destination, source_dir, mirrors, expected_sha256, timeout=60):
    """Put a verified copy of ``filename`` at ``destination``.

    The local ``source_dir`` is tried first; then each mirror URL (the file name is
    appended) until one gives a file whose payload has the expected hash.

    Raises
    ------
    IdxFormatError
        If the local copy exists but is corrupt: a broken local file is an error the
        user should see, not something to paper over with a download.
    DataUnavailableError
        If neither the folder nor any mirror gives a valid file.
    """
    local = Path(source_dir) / filename
    with atomic_path(destination) as temporary:
        if local.is_file():
            log.info("copying %s", local)
            shutil.copyfile(local, temporary)
            verify_payload(temporary, expected_sha256, local)
            return "local"

        failures = [f"{local}: not found"]
        for mirror in mirrors:
            url = mirror.rstrip("/") + "/" + filename
            log.info("downloading %s", url)
            try:
                _download(url, temporary, timeout)
                verify_payload(temporary, expected_sha256, url)
            except (OSError, urllib.error.URLError, IdxFormatError) as error:
                log.warning("%s failed: %s", url, error)
                failures.append(f"{url}: {error}")
                continue
            return url

        raise DataUnavailableError(
            f"could not get {filename}; tried:\n  "
            + "\n  ".join(failures)
            + "\nInstall Debian's package dataset-fashion-mnist "
            "(apt-get install dataset-fashion-mnist), point config key "
            "data.source_dir at a folder holding the four .gz files, or make one of "
            "data.mirrors reachable."
        )
