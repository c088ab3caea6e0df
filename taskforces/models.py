"""The six task forces' ledgers. TaskForce and its membership live in `accounts` (below this app).

Each ledger keeps its models in `taskforces/<slug>/models.py`, and the shared abstract entry and the
configurable lists are in `taskforces/common/models.py`. They are all imported here so that Django
finds them, and so that other apps import every ledger model from one place (`taskforces.models`).
"""

# Star imports on purpose: each module's __all__ names its models and choices, so nothing is listed twice.
from .approvals.models import *  # noqa: F403  # re-exported, see the comment above
from .common.models import *  # noqa: F403  # re-exported, see the comment above
from .funding.models import *  # noqa: F403  # re-exported, see the comment above
from .investment.models import *  # noqa: F403  # re-exported, see the comment above
from .land.models import *  # noqa: F403  # re-exported, see the comment above
from .statistics.models import *  # noqa: F403  # re-exported, see the comment above
from .supervision.models import *  # noqa: F403  # re-exported, see the comment above
