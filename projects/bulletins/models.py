"""Published monthly bulletins (通报), frozen as issued."""

from __future__ import annotations
