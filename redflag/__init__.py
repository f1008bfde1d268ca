"""redflag: explainable red flags of labour exploitation, sexual-exploitation recruitment and job fraud in job ads."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "check", "score_frame"]


def check(text: str) -> Any:
    """Check one ad with the default rules and model; returns a ``redflag.result.Result``."""
    from redflag.config import Config
    from redflag.pipeline import checker_for  # one Checker per process and thread, built on first use

    return checker_for(Config()).check(text)


def __getattr__(name: str) -> Any:
    # score_frame pulls in pandas: import it only when asked, so `import redflag` stays cheap
    if name == "score_frame":
        from redflag.batch import score_frame

        return score_frame
    raise AttributeError(f"module 'redflag' has no attribute {name!r}")
