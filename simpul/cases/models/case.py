"""The case and what hangs directly off it: numbering counter, linked reports, parties,
incidents and their forms and relationships, services delivered, assignments, the timeline."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from simpul.cases.models.codes import (
    AbhRole,
    DatePrecision,
    Form,
    PartyRole,
    Place,
    Relation,
    RelationDetail,
    ServiceOutcome,
    ServiceType,
    Stage,
    Status,
)
from simpul.core.codes import AmpkCategory, Channel, JenisKasus, Kewenangan, Risk
from simpul.crypto.fields import EncryptedTextField
from simpul.regions.codes import kabupaten_of, province_of


class CaseCounter(models.Model):
    """Last number given per organisation and year; locked while a case is created."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="case_counter_unique")]

    def __str__(self) -> str:
        return f"casecounter {self.pk}"


class Case(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.CharField(_("nomor kasus"), max_length=40, editable=False)
    year = models.PositiveSmallIntegerField(editable=False)
    seq = models.PositiveIntegerField(editable=False)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="cases", verbose_name=_("UPTD PPA")
    )
    # Region of the incident: the most precise region known (at least the kabupaten/kota).
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", db_column="region_code", verbose_name=_("wilayah kejadian")
    )
    # Derived from ``region`` on save, so dashboards filter with equality, never LIKE.
    kabupaten_code = models.CharField(max_length=5, editable=False, db_index=True)
    province_code = models.CharField(max_length=2, editable=False, db_index=True)
    kewenangan = models.CharField(_("kewenangan"), max_length=12, choices=Kewenangan.choices, default=Kewenangan.KAB_KOTA)
    jenis_kasus = models.CharField(_("jenis kasus"), max_length=20, choices=JenisKasus.choices)
    risk = models.CharField(_("risiko"), max_length=8, choices=Risk.choices)
    channel = models.CharField(_("kanal pengaduan"), max_length=16, choices=Channel.choices, default=Channel.LANGSUNG)
    stage = models.CharField(_("tahap"), max_length=20, choices=Stage.choices, default=Stage.IDENTIFIKASI, db_index=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    reported_at = models.DateField(_("tanggal lapor"))
    opened_at = models.DateTimeField(_("dibuka"), auto_now_add=True)
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    # The intake report this case came from (the intake app owns the Report model).
    source_report_uid = models.UUIDField(null=True, blank=True, db_index=True, editable=False)
    # Short description safe for lists (no names); the chronology is on the incident (encrypted).
    summary = EncryptedTextField(_("ringkasan"), null=True, blank=True)
    # Derived flags, recomputed by the services from parties, incidents and relationships.
    flag_child_sexual_abuse = models.BooleanField(default=False, editable=False)
    flag_intimate_partner = models.BooleanField(default=False, editable=False)
    flag_pkdrt = models.BooleanField(default=False, editable=False)
    flag_child_marriage = models.BooleanField(default=False, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-reported_at", "-id"]
        verbose_name = _("kasus")
        verbose_name_plural = _("kasus")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "seq"], name="case_number_unique"),
        ]
        indexes = [
            models.Index(fields=["organisation", "reported_at"], name="case_org_reported"),
            models.Index(fields=["organisation", "status", "stage"], name="case_org_status_stage"),
            # The case lists: scope + status (+ the risk filter), newest first, counted from the index.
            models.Index(fields=["organisation", "status", "reported_at"], name="case_org_status_reported"),
            models.Index(fields=["organisation", "status", "risk", "reported_at"], name="case_org_status_risk"),
            models.Index(fields=["kabupaten_code", "reported_at"], name="case_kab_reported"),
            models.Index(fields=["province_code", "reported_at"], name="case_prov_reported"),
        ]

    def __str__(self) -> str:
        return self.number

    def save(self, *args: object, **kwargs: object) -> None:
        code = self.region_id or ""
        self.kabupaten_code = kabupaten_of(code) or ""
        self.province_code = province_of(code) or ""
        super().save(*args, **kwargs)  # type: ignore[arg-type]
        # Referrals carry the case's region codes (statistics); follow a change of region.
        self.referrals.exclude(province_code=self.province_code, kabupaten_code=self.kabupaten_code).update(
            province_code=self.province_code, kabupaten_code=self.kabupaten_code
        )

    @property
    def is_open(self) -> bool:
        return self.status == Status.OPEN


class CaseReport(models.Model):
    """Intake reports linked to a case (the first is also ``Case.source_report_uid``)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reports")
    report_uid = models.UUIDField(db_index=True)
    attached_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "report_uid"], name="case_report_unique")]

    def __str__(self) -> str:
        return f"casereport {self.pk}"


class CaseParty(models.Model):
    """A person in a case, in one role. The same person can be in several cases and roles."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="case_parties")
    role = models.CharField(_("peran"), max_length=8, choices=PartyRole.choices)
    # Victims (computed from the person and the first incident date; never typed).
    age_at_incident = models.PositiveSmallIntegerField(_("usia saat kejadian"), null=True, blank=True, editable=False)
    is_child = models.BooleanField(_("anak"), default=False, editable=False)
    ampk_category = models.CharField(_("kategori AMPK"), max_length=1, choices=AmpkCategory.choices, blank=True)
    abh_role = models.CharField(_("peran ABH"), max_length=12, choices=AbhRole.choices, blank=True)
    # Perpetrators whose identity is not known.
    unknown = models.BooleanField(_("identitas tidak diketahui"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case_id", "role", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "person", "role"], name="case_party_unique")]
        indexes = [models.Index(fields=["role", "case"], name="party_role_case")]

    def __str__(self) -> str:
        return f"caseparty {self.pk}"


class Incident(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="incidents")
    date = models.DateField(_("tanggal kejadian"), null=True, blank=True, db_index=True)
    date_precision = models.CharField(_("ketepatan tanggal"), max_length=8, choices=DatePrecision.choices, default=DatePrecision.DAY)
    place = models.CharField(_("tempat kejadian"), max_length=32, choices=Place.choices, default=Place.LAINNYA)
    region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_column="region_code"
    )
    chronology = EncryptedTextField(_("kronologi"), null=True, blank=True)
    # TPPO elements (UU 21/2007 Pasal 1): lists of codes; destination is a region or country name.
    tppo_acts = models.JSONField(_("proses (TPPO)"), default=list, blank=True)
    tppo_means = models.JSONField(_("cara (TPPO)"), default=list, blank=True)
    tppo_purposes = models.JSONField(_("tujuan (TPPO)"), default=list, blank=True)
    tppo_destination = EncryptedTextField(_("daerah/negara tujuan (TPPO)"), null=True, blank=True)  # sealed: locates a victim
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case_id", "date", "id"]

    def __str__(self) -> str:
        return f"incident {self.pk}"


class IncidentForm(models.Model):
    """One form of violence of an incident (multi-valued). ``case`` is denormalised for counting."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="forms")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="forms")
    form = models.CharField(_("bentuk kekerasan"), max_length=12, choices=Form.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["incident", "form"], name="incident_form_unique")]
        indexes = [models.Index(fields=["form", "case"], name="form_case")]

    def __str__(self) -> str:
        return f"incidentform {self.pk}"


class Relationship(models.Model):
    """How one perpetrator relates to one victim (per incident)."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="relationships")
    victim = models.ForeignKey(CaseParty, on_delete=models.CASCADE, related_name="as_victim_relationships")
    perpetrator = models.ForeignKey(CaseParty, on_delete=models.CASCADE, related_name="as_perpetrator_relationships")
    relation = models.CharField(_("hubungan pelaku dengan korban"), max_length=12, choices=Relation.choices)
    detail = models.CharField(_("rincian hubungan"), max_length=20, choices=RelationDetail.choices, blank=True)
    # UU 23/2004 Pasal 2: relatives and household workers are in the lingkup rumah tangga
    # only when they live in the household.
    same_household = models.BooleanField(_("tinggal serumah"), default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["incident", "victim", "perpetrator"], name="relationship_unique")]
        indexes = [models.Index(fields=["relation"], name="relationship_relation")]

    def __str__(self) -> str:
        return f"relationship {self.pk}"


class ServiceDelivery(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="services")
    victim = models.ForeignKey(CaseParty, null=True, blank=True, on_delete=models.SET_NULL, related_name="services")
    service_type = models.CharField(_("jenis layanan"), max_length=20, choices=ServiceType.choices)
    provider = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("penyedia layanan")
    )
    provider_name = EncryptedTextField(_("penyedia lain (jika tidak terdaftar)"), null=True, blank=True)  # sealed: can be a person
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("selesai"), null=True, blank=True)
    outcome = models.CharField(_("hasil"), max_length=16, choices=ServiceOutcome.choices, default=ServiceOutcome.BERJALAN)
    notes = EncryptedTextField(_("catatan"), null=True, blank=True)
    referral = models.ForeignKey("cases.Referral", null=True, blank=True, on_delete=models.SET_NULL, related_name="services")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case_id", "start_date", "id"]
        indexes = [models.Index(fields=["service_type", "start_date"], name="service_type_start")]

    def __str__(self) -> str:
        return f"servicedelivery {self.pk}"


class CaseAssignment(models.Model):
    """A caseworker on a case. Reassignment ends the row (``ended_at``) and starts a new one."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_assignments")
    is_lead = models.BooleanField(_("pendamping utama"), default=True)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = EncryptedTextField(_("alasan"), null=True, blank=True)  # sealed: free text

    class Meta:
        ordering = ["case_id", "started_at", "id"]
        indexes = [models.Index(fields=["user", "ended_at"], name="assignment_user_active")]

    def __str__(self) -> str:
        return f"caseassignment {self.pk}"


class CaseEvent(models.Model):
    """The timeline: one row per thing that happened to the case (no identifying values)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=40)
    # Codes and ids only (e.g. {"from": "asesmen", "to": "rencana_intervensi"}).
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["case_id", "at", "id"]

    def __str__(self) -> str:
        return f"caseevent {self.pk}"
