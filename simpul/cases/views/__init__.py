"""Case pages, one module per area: ``lists``, ``case`` (the case itself), ``work`` (parties,
incidents, assessment, services, legal process, notes, tasks); referral pages are in
:mod:`simpul.cases.referrals.views`. Thin: forms in, services out; reads through selectors
(scoped, audited)."""
