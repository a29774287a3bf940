"""English (British) dates for the English pages; separators stay Django's: 1,234.5."""

DATE_FORMAT = "j F Y"  # 5 March 2026
SHORT_DATE_FORMAT = "d/m/Y"  # 05/03/2026
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
DATETIME_FORMAT = "j F Y H:i"
MEDIUM_DATE_FORMAT = "j M Y"  # 5 Mar 2026
WEEKDAY_DATE_FORMAT = "D j M Y"  # Thu 5 Mar 2026
NUMERIC_DATE_FORMAT = "d/m/Y"  # 05/03/2026
MEDIUM_DATETIME_FORMAT = "j M Y H:i"  # 5 Mar 2026 14:05
NUMERIC_DATETIME_FORMAT = "d/m/Y H:i"  # 05/03/2026 14:05
# What people type in England: day first (Django's "en" reads 05/03/2026 as 3 May).
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d/%m/%y"]
