"""Bokmål on the figures: SSB's labels, often nynorsk ("midt-Noreg", "aust", "Deltaking i …", "Anna …",
"undersøking", "særlege"), mapped to the bokmål the figures show, once and here.

`bokmal(label)` gives the bokmål of an SSB label (nynorsk or already bokmål, compared case-blind with
white space normalised); `region(key)` the bokmål name of a barnevernsregion by the key the staging SQL
gives it. A label or key not listed here raises `UmappetEtikettError`, naming it and this module: a
figure never shows SSB's nynorsk because nobody mapped it. Add the label to `ETIKETTER` then.

The types of placement, by the key the declarations give SSB's nynorsk labels ("Fosterheim" ->
`fosterheim`), are named here too (`PLASSERING_NAVN`; `PLASSERING_NAVN_UTDYPET` where a figure names
the scope, as 0-4 does).

Like every module of `assets.sources`, this loads no pandas, Dagster or Great Expectations.
"""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.errors import ReformevalError
from pipeline.ssb.declaration import normalize_label


class UmappetEtikettError(ReformevalError):
    """An SSB label (or region key) on its way to a figure that has no bokmål name in this module."""


# SSB label (nynorsk or bokmål, as a table may have it) -> the bokmål a figure shows.
ETIKETTER: dict[str, str] = {
    # SSB 10660, the two categories of cooperation with other services and their measures.
    "Nettverksarbeid/samarbeid med andre tenester": "Nettverksarbeid/samarbeid med andre tjenester",
    "Nettverksarbeid/samarbeid med andre tjenester": "Nettverksarbeid/samarbeid med andre tjenester",
    "Undersøking og behandling frå andre tenester": "Undersøkelse og behandling fra andre tjenester",
    "Undersøkelse og behandling fra andre tjenester": "Undersøkelse og behandling fra andre tjenester",
    "Familieråd": "Familieråd",
    "Nettverksmøte": "Nettverksmøte",
    "Nettverksmøter": "Nettverksmøter",
    "Individuell plan": "Individuell plan",
    "Deltaking i ansvarsgruppe/samarbeidsteam": "Deltakelse i ansvarsgruppe/samarbeidsteam",
    "Deltakelse i ansvarsgruppe/samarbeidsteam": "Deltakelse i ansvarsgruppe/samarbeidsteam",
    "Deltaking i ansvarsgruppe": "Deltakelse i ansvarsgruppe",
    "Deltakelse i ansvarsgruppe": "Deltakelse i ansvarsgruppe",
    "Anna nettverksarbeid": "Annet nettverksarbeid",
    "Annet nettverksarbeid": "Annet nettverksarbeid",
    "Anna nettverksarbeid/samarbeid med andre tenester": "Annet nettverksarbeid/samarbeid med andre tjenester",
    "Annet nettverksarbeid/samarbeid med andre tjenester": "Annet nettverksarbeid/samarbeid med andre tjenester",
    "Medisinsk undersøking og behandling": "Medisinsk undersøkelse og behandling",
    "Medisinsk undersøkelse og behandling": "Medisinsk undersøkelse og behandling",
    "Bvl § 4-10 medisinsk undersøking og behandling": "Medisinsk undersøkelse og behandling (bvl. § 4-10)",
    "Bvl § 4-10 medisinsk undersøkelse og behandling": "Medisinsk undersøkelse og behandling (bvl. § 4-10)",
    "Behandling av barn med særlege opplæringsbehov": "Behandling av barn med særlige opplæringsbehov",
    "Behandling av barn med særlige opplæringsbehov": "Behandling av barn med særlige opplæringsbehov",
    "Bvl § 4-11 behandling av barn med særlege opplæringsbehov":
        "Behandling av barn med særlige opplæringsbehov (bvl. § 4-11)",
    "Bvl § 4-11 behandling av barn med særlige opplæringsbehov":
        "Behandling av barn med særlige opplæringsbehov (bvl. § 4-11)",
    "Psykisk helsehjelp for barn og unge": "Psykisk helsehjelp for barn og unge",
    "Anna undersøking og behandling": "Annen undersøkelse og behandling",
    "Annen undersøkelse og behandling": "Annen undersøkelse og behandling",
    "Anna undersøking og behandling frå andre tenester": "Annen undersøkelse og behandling fra andre tjenester",
    "Annen undersøkelse og behandling fra andre tjenester": "Annen undersøkelse og behandling fra andre tjenester",
    "Utdanning og arbeid": "Utdanning og arbeid",
    "Barnevernstiltak i alt": "Barnevernstiltak i alt",
}

# Barnevernsregion by the key `sql/staging/barnevernstiltak.sql` gives SSB's region label ("Region
# midt-Noreg" -> midt_norge, "Region aust" -> ost), north to south, Oslo last: the bokmål name shown.
REGIONER: dict[str, str] = {"nord": "Nord", "midt_norge": "Midt-Norge", "vest": "Vest", "sor": "Sør",
                            "ost": "Øst", "oslo": "Oslo"}

# Types of placement (SSB 11600, 12845, 10661) by the key of their SSB label.
PLASSERING_NAVN: dict[str, str] = {"fosterheim": "Fosterhjem", "institusjon": "Institusjon",
                                   "beredskapsheim": "Beredskapshjem",
                                   "mellombels_heim": "Midlertidig hjem i familie og nære nettverk",
                                   "bustad": "Bolig med oppfølging"}
PLASSERING_NAVN_UTDYPET: dict[str, str] = {**PLASSERING_NAVN,
                                           "beredskapsheim": "Beredskapshjem utenom familie og nære nettverk"}

# Every bokmål a figure shows is also a label that maps to itself (a table may have bokmål labels).
_BY_LABEL = {**{normalize_label(shown): shown for shown in ETIKETTER.values()},
             **{normalize_label(ssb): shown for ssb, shown in ETIKETTER.items()}}


def bokmal(label: str) -> str:
    """The bokmål a figure shows for an SSB label; `UmappetEtikettError` for a label not listed here."""
    try:
        return _BY_LABEL[normalize_label(label)]
    except KeyError:
        raise UmappetEtikettError(
            f"SSB label {label!r} has no bokmål name in assets/sources/bokmal.py (ETIKETTER): a figure does not "
            f"show SSB's nynorsk labels; add the label there with its bokmål"
        ) from None


def region(key: str) -> str:
    """The bokmål name of a barnevernsregion by its key; `UmappetEtikettError` for an unknown key."""
    try:
        return REGIONER[key]
    except KeyError:
        raise UmappetEtikettError(
            f"barnevernsregion {key!r} has no bokmål name in assets/sources/bokmal.py (REGIONER): add it there"
        ) from None


def unmapped(labels: Iterable[str]) -> list[str]:
    """The labels of `labels` that have no bokmål name here, each once, in order."""
    return list(dict.fromkeys(lab for lab in labels if normalize_label(lab) not in _BY_LABEL))
