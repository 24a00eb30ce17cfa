"""Rules as the law stands on the day, for every kind.

* :mod:`toolkit.rules.dated` — dated rules files (``toolkit/data/rules/*.yaml``), the version in force on a date;
* :mod:`toolkit.rules.figures` — each figure with its legal source; ``rules_on(day)`` behind ``integritas aturan``;
* :mod:`toolkit.rules.calendar` — Indonesian working days (public holidays and *cuti bersama*).
"""
