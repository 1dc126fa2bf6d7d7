"""Schedules (S): cadences and deadlines expanded into dated events (``planc schedule``, schedule.json/.ics).

S001 is reported only when a schedule is computed (it needs the holiday
calendar, which ``planc check`` does not load); S002–S004 are also checked by
``planc check`` through :mod:`compiler.rules.dates`.
"""

from diagnostics.codes import code

code("S001", "holiday-calendar-missing-year", "warning",
     "The schedule reaches a year for which the statutory holiday calendar (chinese_calendar) has no data.",
     why="Without the State Council's holiday notice for that year, a meeting on a public holiday is not moved and a deadline "
         "on one is not marked; only Saturdays and Sundays are treated as non-working days there.",
     example="plan p {\n  period 2026..2030\n}\ncadence c \"每月调度\" {\n  every month\n}",
     fix="upgrade chinesecalendar once the holiday notice for the year is published (usually in November of the year before)",
     hint="dates in that year are moved or marked for weekends only; upgrade chinesecalendar when the holidays are published")
code("S002", "deadline-before-issue", "warning",
     "A one-off deadline falls inside the plan's period but before the plan is issued (outside the period is V056).",
     why="A date outside the plan's active window cannot be met under the plan; usually the year is mistyped.",
     example="plan p {\n  issued 2024-03-20\n  period 2024\n}\ndeadline d \"完成信用信息归集\" {\n  due 2024-01-31\n}",
     fix="deadline d \"完成信用信息归集\" {\n  due 2024-03-31\n}")
code("S003", "no-occurrences", "warning",
     "A yearly deadline has no date inside the plan's active window (from the issue date to the end of the period).",
     why="Every year's date falls before the plan is issued, so the schedule would silently leave the obligation out.",
     example="plan p {\n  issued 2024-06-01\n  period 2024\n}\ndeadline d \"完善考评细则\" {\n  due each_year 3月底\n}",
     fix="check the issue date and the period; if the first year's date has passed, the plan may need `period 2024..2025`")
code("S004", "invalid-interval", "error",
     "A cadence's `every N` is not a whole number of at least 1.",
     why="`every 0 week` or `every 1.5 month` cannot be put on a calendar.",
     example="cadence c \"调度\" {\n  every 0 week\n}", fix="cadence c \"调度\" {\n  every 2 week\n}")
