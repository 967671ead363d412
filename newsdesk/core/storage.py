"""Media on local disk, written whole or not at all.

Django's FileSystemStorage writes straight into the final name, so a disk that fills up halfway
leaves a truncated picture under a name a page already links to, and the next attempt finds the
name taken. Here the bytes go to a hidden file beside the target first; only a complete file is
linked under its name. A write that fails (``ENOSPC`` on a full disk, a quota, an I/O error)
removes what it wrote and raises the ``OSError`` for the caller to explain.
"""

from __future__ import annotations

import errno
import os
import tempfile

from django.core.files.storage import FileSystemStorage

# What a full media disk looks like to the code that writes to it.
DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})


def _read_umask() -> int:
    # os.umask can only be read by setting it: done once at import, before any thread (the
    # embedded task worker) creates files, never per upload.
    mask = os.umask(0)
    os.umask(mask)
    return mask


PROCESS_UMASK = _read_umask()


def is_disk_full(error: BaseException) -> bool:
    return isinstance(error, OSError) and error.errno in DISK_FULL_ERRNOS


class WholeFileSystemStorage(FileSystemStorage):
    def _save(self, name: str, content) -> str:
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        if self.directory_permissions_mode is not None:
            os.makedirs(directory, self.directory_permissions_mode, exist_ok=True)
        else:
            os.makedirs(directory, exist_ok=True)
        descriptor, partial = tempfile.mkstemp(dir=directory, prefix=".partial-")
        try:
            with os.fdopen(descriptor, "wb") as handle:
                for chunk in content.chunks():
                    handle.write(chunk if isinstance(chunk, bytes) else chunk.encode())
                handle.flush()
                os.fsync(handle.fileno())  # a full disk can refuse the data only now (NFS)
            while True:
                try:
                    if self._allow_overwrite:
                        os.replace(partial, full_path)
                    else:
                        # A hard link claims the name only if it is free, as O_EXCL would.
                        os.link(partial, full_path)
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
                    full_path = self.path(name)
        finally:
            if os.path.lexists(partial):
                os.unlink(partial)
        if self.file_permissions_mode is not None:
            os.chmod(full_path, self.file_permissions_mode)
        else:
            # mkstemp creates 0600; a web server in front must be able to read media.
            os.chmod(full_path, 0o666 & ~PROCESS_UMASK)
        self._ensure_location_group_id(full_path)
        return os.path.relpath(full_path, self.location).replace("\\", "/")
