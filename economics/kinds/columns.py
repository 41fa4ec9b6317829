"""Contract columns both economics kinds share."""

import pandas as pd

from imports.kinds import Column

YEAR = Column("ar", "int", required=True, low=1990, high=2200)
CARE_FORM = Column("vardform", "enum", required=True, enum="vardform")
DRG = Column("drg_kod", "code", max_length=20)


def upper_drg(staged: pd.DataFrame) -> pd.DataFrame:
    """DRG codes compare in upper case: a list's "209a" is the KPP row's "209A"."""
    codes = staged["drg_code"].astype(object)
    present = codes.notna()
    codes[present] = codes[present].astype(str).str.strip().str.upper()
    staged["drg_code"] = codes.where(present, None)
    return staged
