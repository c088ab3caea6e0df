"""The six task forces' ledgers. TaskForce and its membership live in `accounts` (below this app).

Each ledger's models live in `taskforces/ledgers/<slug>.py` and are imported here so that Django finds them.
"""

from .ledgers.approvals import *  # noqa: F403
from .ledgers.common import *  # noqa: F403
from .ledgers.funding import *  # noqa: F403
from .ledgers.investment import *  # noqa: F403
from .ledgers.land import *  # noqa: F403
from .ledgers.statistics import *  # noqa: F403
from .ledgers.supervision import *  # noqa: F403
