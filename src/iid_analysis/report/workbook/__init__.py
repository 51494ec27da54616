"""``review.xlsx``: the edition's working workbook for Bappeda and every OPD (see :mod:`.book`)."""
