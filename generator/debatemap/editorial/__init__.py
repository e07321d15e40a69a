"""Editorial balance: which side each claim argues, what the claims rest on, and what to look at.

``debatemap report`` prints these figures; the site shows them on each map's balance page. The
stages follow the data: ``sides`` (the argument graph), ``parties`` and ``sourcing`` (the
citations), ``rules`` (flags), ``figures`` (one map, the site), then ``output`` and ``gate``.
"""

from .figures import MapFigures, SiteFigures, Thresholds, site_figures
from .flags import FLAG_CODES, Flag

__all__ = ["FLAG_CODES", "Flag", "MapFigures", "SiteFigures", "Thresholds", "site_figures"]
