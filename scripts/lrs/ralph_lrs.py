"""Ralph's LRS application with its file-system backend appending statements.

Ralph 5.1's file-system LRS backend writes each request with the "create" operation, which
refuses once its statements file exists: only the first request would ever be stored. The
backend supports "append"; this makes it the default, so every accepted request is stored.
The tests use nothing else of Ralph than its stock API on top of this backend.
"""

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

from ralph.api import app  # noqa: E402  (after the backend is set up)

__all__ = ["app"]
