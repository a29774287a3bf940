"""Dutch date styles besides Django's own nl formats (DATE_FORMAT j F Y, SHORT_DATE_FORMAT
j-n-Y); separators stay Django's: 1.234,5."""

MEDIUM_DATE_FORMAT = "j b Y"  # 5 mrt 2026
WEEKDAY_DATE_FORMAT = "D j b Y"  # do 5 mrt 2026
NUMERIC_DATE_FORMAT = "d-m-Y"  # 05-03-2026
MEDIUM_DATETIME_FORMAT = "j b Y H:i"  # 5 mrt 2026 14:05
NUMERIC_DATETIME_FORMAT = "d-m-Y H:i"  # 05-03-2026 14:05
