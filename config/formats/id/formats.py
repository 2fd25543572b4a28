# "Senin, 7 Desember 2026 pukul 15.00": how Indonesian readers expect a session's time.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H.i"
DATETIME_FORMAT = r"l, j F Y \p\u\k\u\l H.i"
SHORT_DATE_FORMAT = "d/m/Y"
