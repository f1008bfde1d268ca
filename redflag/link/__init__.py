"""Link ads into networks: minhash (near-duplicate text), clusters (shared identifiers, the data), run (the command).

Exploitative recruiters post the same template on many sites with the same phone or handle;
grouping ads that way turns single suspicious ads into visible operations.
"""

from __future__ import annotations

from redflag.link.clusters import COMMON_DOMAINS, HIGH_LEVELS, LOW_LEVELS, Cluster, SharedIdentifier, link_frame, link_records

__all__ = ["COMMON_DOMAINS", "HIGH_LEVELS", "LOW_LEVELS", "Cluster", "SharedIdentifier", "link_frame", "link_records"]
