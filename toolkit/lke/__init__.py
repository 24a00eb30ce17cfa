"""LKE ZI 2026 (PortalRB master list): the model, the unit/TPI workbook, scores, recap and proposals.

``master`` loads PortalRB's master list of questions; ``score`` scores answers by its
multipliers and weights; ``workbook`` writes and reads the 2026 form (sheet "Jawaban");
``checks`` validates a filled form; ``compare`` puts the unit's and the TPI's answers side by
side; ``recap`` ranks units and writes/reads the proposal list (daftar usulan).
"""
