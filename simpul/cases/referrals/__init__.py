"""Referrals (rujukan) of a case to a partner organisation: services, selectors, pages, API.

The models (``Referral``, ``ReferralAction``) stay in :mod:`simpul.cases.models` (app label
``cases``)."""
