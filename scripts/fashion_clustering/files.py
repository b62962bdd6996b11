"""Writing outputs so that a killed job never leaves a file that looks finished."""

import contextlib
import os
import tempfile
from pathlib import Path

# mkstemp creates files readable by the owner only; outputs get the usual mode instead.
_UMASK = os.umask(0)
os.umask(_UMASK)


@contextlib.contextmanager
def atomic_path(path):
    """Yield a temporary path beside ``path``; rename it to ``path`` on success.

    The temporary name is unique per call, so concurrent jobs never share it, and it
    sits in the same folder, so the final rename is atomic on POSIX file systems. On
    any error the temporary file is removed and ``path`` is left untouched.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # The name ends as the final one does, since Keras and NumPy judge by the ending.
    handle, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=".tmp-", suffix=f"-{path.name}"
    )
    os.close(handle)
    try:
        yield Path(temporary)
        os.chmod(temporary, 0o666 & ~_UMASK)
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.remove(temporary)
