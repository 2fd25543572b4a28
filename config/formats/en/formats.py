# "Monday, 7 December 2026 at 15:00": 24-hour times, as schedules in Indonesia use them.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = r"l, j F Y \a\t H:i"
SHORT_DATE_FORMAT = "d/m/Y"
