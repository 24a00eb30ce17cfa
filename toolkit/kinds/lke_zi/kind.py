"""``lke-zi``: Lembar Kerja Evaluasi Zona Integritas, in two models.

* 2026 (default): the PortalRB form (:mod:`toolkit.lke`): sheet "Jawaban" with the unit's
  and the TPI's answers at the master list's rows; validated by :mod:`toolkit.lke.checks`.
* 2021: the official PermenPAN-RB 90/2021 workbook (scored by its own formulas) and the
  one-row-per-question template (:mod:`toolkit.scoring.template`).

Capabilities: ``form`` (template per model, recognition, validation) and the recap's
"Nilai" (LKE total on the TPI's answers, :func:`toolkit.rekap.scores.lke_tpi_score`).
"""

from __future__ import annotations

from toolkit.kinds.lke_zi import SCHEMA
from toolkit.kinds.model import Form, RecapScore, WorkbookKind
from toolkit.lke import files, proposals
from toolkit.rekap import scores

KIND = WorkbookKind(
    schema=SCHEMA,
    recap_score=RecapScore(scores.LABEL_LKE, scores.lke_tpi_score),
    form=Form(models=("2026", "2021"), build_template=files.build_template, recognise=files.form_model,
              validate=files.validate_file, recap=proposals.run_recap),
)
