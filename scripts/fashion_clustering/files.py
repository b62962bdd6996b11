"""Writing outputs so that a killed job never leaves a file that looks finished."""

import contextlib
import errno
import os
import tempfile
from pathlib import Path

# mkstemp creates files readable by the owner only; outputs get the usual mode instead.
_UMASK = os.umask(0)
os.umask(_UMASK)

# Errors of the file system rather than of the code writing: a full disk, an
# exhausted quota, a read-only mount.
_STORAGE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS}


class OutputWriteError(OSError):
    """An output could not be written where the workflow puts it."""


def _cannot_write(path, error):
    reason = error.strerror or str(error)
    if isinstance(error, (FileExistsError, NotADirectoryError)):
        blocking = next(
            (folder for folder in path.parents if folder.is_file()), path.parent
        )
        reason = f"{blocking} is a file, not a folder"
    return OutputWriteError(
        error.errno,
        f"cannot write {path}: {reason}; expected a writable folder with free space",
    )


def _is_storage_error(error):
    # Libraries (pyarrow, h5py) re-raise the system's error as text, without errno.
    return error.errno in _STORAGE_ERRORS or "No space left on device" in str(error)


@contextlib.contextmanager
def atomic_path(path):
    """Yield a temporary path beside ``path``; rename it to ``path`` on success.

    The temporary name is unique per call, so concurrent jobs never share it, and it
    sits in the same folder, so the final rename is atomic on POSIX file systems. On
    any error the temporary file is removed and ``path`` is left untouched.

    Raises
    ------
    OutputWriteError
        If the folder cannot be made or written (a file stands in its place, no
        permission, a full disk or a read-only file system), naming ``path``.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # The name ends as the final one does, since Keras and NumPy judge by it.
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=".tmp-", suffix=f"-{path.name}"
        )
    except OSError as error:
        raise _cannot_write(path, error) from error
    os.close(handle)

    try:
        yield Path(temporary)
    except OSError as error:
        # Other errors (a missing input read inside the block) are not the output's.
        if isinstance(error, OutputWriteError) or not _is_storage_error(error):
            raise
        raise _cannot_write(path, error) from error
    else:
        try:
            os.chmod(temporary, 0o666 & ~_UMASK)
            os.replace(temporary, path)
        except OSError as error:
            raise _cannot_write(path, error) from error
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.remove(temporary)


def check_output_folders(folders):
    """Raise ``OutputWriteError`` unless each folder can hold the workflow's outputs.

    Run before any job starts, so that a file (or a link to a missing mount)
    standing where ``results`` should be, or a folder without write permission, is
    reported by name instead of as a traceback from inside Snakemake. Folders that do
    not exist yet pass if their nearest existing parent is writable.

    Parameters
    ----------
    folders : iterable of str or Path
    """
    for folder in map(Path, folders):
        if folder.is_symlink() and not folder.exists():
            raise OutputWriteError(
                errno.ENOENT,
                f"cannot write into {folder}: it links to {os.readlink(folder)}, "
                "which does not exist; expected a folder",
            )
        if folder.exists() and not folder.is_dir():
            raise OutputWriteError(
                errno.ENOTDIR,
                f"cannot write into {folder}: it is a file, not a folder; move it away",
            )
        existing = next(
            (place for place in (folder, *folder.parents) if place.exists()), Path(".")
        )
        if not os.access(existing, os.W_OK | os.X_OK):
            raise OutputWriteError(
                errno.EACCES,
                f"cannot write into {folder}: no write permission for {existing}",
            )
