"""Code lists shared by several modules (one definition each).

UU 35/2014 Pasal 59 ayat (2): the 15 categories of children needing special protection (AMPK),
used by intake triage and by the case file.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AmpkCategory(models.TextChoices):
    """UU 35/2014 Pasal 59 ayat (2), huruf a-o."""

    A = "a", _("a. Anak dalam situasi darurat")
    B = "b", _("b. Anak yang berhadapan dengan hukum")
    C = "c", _("c. Anak dari kelompok minoritas dan terisolasi")
    D = "d", _("d. Anak yang dieksploitasi secara ekonomi dan/atau seksual")
    E = "e", _("e. Anak korban penyalahgunaan NAPZA")
    F = "f", _("f. Anak korban pornografi")
    G = "g", _("g. Anak dengan HIV/AIDS")
    H = "h", _("h. Anak korban penculikan, penjualan, dan/atau perdagangan")
    I = "i", _("i. Anak korban kekerasan fisik dan/atau psikis")  # noqa: E741
    J = "j", _("j. Anak korban kejahatan seksual")
    K = "k", _("k. Anak korban jaringan terorisme")
    L = "l", _("l. Anak penyandang disabilitas")
    M = "m", _("m. Anak korban perlakuan salah dan penelantaran")
    N = "n", _("n. Anak dengan perilaku sosial menyimpang")
    O = "o", _("o. Anak korban stigmatisasi terkait kondisi orang tuanya")  # noqa: E741
