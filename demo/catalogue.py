"""The demo region's organisation and the kinds of work its units do, as plain data.

Names are invented but shaped like a Swedish region's: three hospitals, three
areas, clinics with units at more than one site. ``demo.region`` turns this
into a ``RegionSpec``; nothing here is random.
"""

from __future__ import annotations

REGION_NAME = "Region Demoland"
COUNTY_CODE = "06"

# code, name, COSMIC's site letter
SITES = [
    ("CLD", "Centrallasarettet Demostad", "C"),
    ("HLE", "Höglandslasarettet Eksby", "H"),
    ("VSV", "Västerby sjukhus", "V"),
]

AREAS = [
    ("KIR", "Kirurgisk vård"),
    ("MED", "Medicinsk vård"),
    ("KBP", "Kvinno- och barnsjukvård samt psykiatri"),
]

# What a unit does: (fas, kontakttyp, yrkeskategori, share of its contacts). An
# empty profession is how COSMIC leaves written contacts; every combination
# resolves to an activity through the default contact rules.
TEMPLATES: dict[str, tuple[tuple[int, str, str, float], ...]] = {
    "mottagning_kir": (
        (1, "BESOK", "LAK", 0.27), (4, "BESOK", "LAK", 0.29), (4, "TELEFON", "LAK", 0.10),
        (1, "VIDEO", "LAK", 0.02), (4, "VIDEO", "LAK", 0.02), (3, "BESOK", "LAK", 0.04),
        (4, "BESOK", "SSK", 0.13), (4, "TELEFON", "SSK", 0.11), (4, "SKRIFTLIG", "", 0.02),
    ),
    "operation": (
        (2, "BESOK", "LAK", 0.80), (1, "BESOK", "LAK", 0.07), (4, "TELEFON", "SSK", 0.13),
    ),
    "mottagning_med": (
        (1, "BESOK", "LAK", 0.18), (4, "BESOK", "LAK", 0.31), (4, "TELEFON", "LAK", 0.12),
        (4, "VIDEO", "LAK", 0.03), (3, "BESOK", "LAK", 0.05), (4, "BESOK", "SSK", 0.17),
        (4, "TELEFON", "SSK", 0.12), (4, "SKRIFTLIG", "", 0.02),
    ),
    "undersokning": (
        (3, "BESOK", "LAK", 0.72), (3, "BESOK", "SSK", 0.18), (1, "BESOK", "LAK", 0.10),
    ),
    "ssk_mottagning": (
        (4, "BESOK", "SSK", 0.55), (4, "TELEFON", "SSK", 0.23), (4, "BESOK", "LAK", 0.15),
        (1, "BESOK", "LAK", 0.05), (1, "BESOK", "SSK", 0.02),
    ),
    "akut": ((5, "BESOK", "LAK", 0.82), (5, "BESOK", "SSK", 0.18)),
    "barnmorska": (
        (1, "BESOK", "BM", 0.22), (4, "BESOK", "BM", 0.52), (4, "TELEFON", "BM", 0.11),
        (1, "BESOK", "LAK", 0.05), (4, "BESOK", "LAK", 0.10),
    ),
    "gyn": (
        (1, "BESOK", "LAK", 0.30), (4, "BESOK", "LAK", 0.28), (3, "BESOK", "LAK", 0.10),
        (4, "TELEFON", "LAK", 0.08), (4, "BESOK", "SSK", 0.10), (4, "BESOK", "BM", 0.14),
    ),
    "psykiatri": (
        (1, "BESOK", "LAK", 0.07), (4, "BESOK", "LAK", 0.16), (4, "VIDEO", "LAK", 0.03),
        (4, "BESOK", "SSK", 0.19), (4, "TELEFON", "SSK", 0.10), (1, "BESOK", "PSY", 0.04),
        (4, "BESOK", "PSY", 0.20), (4, "BESOK", "KUR", 0.15), (4, "BESOK", "ARB", 0.06),
    ),
    "rehab": (
        (1, "BESOK", "FYS", 0.20), (4, "BESOK", "FYS", 0.44), (4, "BESOK", "ARB", 0.21),
        (1, "BESOK", "LAK", 0.05), (4, "BESOK", "LAK", 0.10),
    ),
    "ljusbehandling": ((4, "BESOK", "SSK", 0.86), (1, "BESOK", "LAK", 0.14)),
}

# Templates whose waiting list is mostly operations (fas 2) rather than first visits.
OPERATING_TEMPLATES = {"operation"}
# Templates with no planned waiting list: emergency units only see who walks in.
NO_WAITING_LIST = {"akut"}

# A unit: (name, template, normal weekly contacts, site ("" = the clinic's),
#   KVÅ prefixes or codes (kka for operations, kma for the rest), referral pressure,
#   mean wait in days, patients ("adult"/"child"/"women"), Diver deviation).
# Pressure > 1: more referrals arrive than the unit manages, its queue grows.
# Diver deviations give the reconciliation page something to show:
#   "mapping" Diver counts doctors' phone contacts as return visits,
#   "overcount" Diver counts about 10 % more than COSMIC in some months,
#   "missing_weeks" a few weeks are missing in Diver.
U = tuple
CLINICS: list[tuple[str, str, str, str, list[U]]] = [
    # code, name, area, site, units
    ("ORT", "Ortopedkliniken", "KIR", "CLD", [
        ("Ortopedmottagningen", "mottagning_kir", 180, "", ("AN", "DN", "XS"), 1.04, 45, "adult", ""),
        ("Ortopedoperation", "operation", 55, "", ("NFB49", "NGB49", "NGD11", "NF", "NG", "NH", "NB", "TN"), 1.12, 80, "adult", ""),
        ("Ortopedmottagningen Höglandet", "mottagning_kir", 110, "HLE", ("AN", "DN"), 1.0, 40, "adult", ""),
        ("Ortopedisk dagkirurgi Höglandet", "operation", 35, "HLE", ("NGD11", "NG", "ND", "NH", "TN"), 1.02, 60, "adult", ""),
        ("Ortopedmottagningen Västerby", "mottagning_kir", 80, "VSV", ("AN", "DN"), 1.0, 40, "adult", "mapping"),
        ("Fysioterapi ortopedi", "rehab", 70, "", ("QG", "PG"), 0.98, 25, "adult", ""),
    ]),
    ("OGO", "Ögonkliniken", "KIR", "CLD", [
        ("Ögonmottagningen", "mottagning_kir", 160, "", ("AC", "DC"), 1.03, 50, "adult", ""),
        ("Kataraktenheten", "operation", 70, "", ("CJE20", "CJ", "TC"), 1.06, 70, "adult", ""),
        ("Ögonmottagningen Västerby", "mottagning_kir", 70, "VSV", ("AC", "DC"), 1.0, 45, "adult", ""),
        ("Näthinneenheten", "operation", 30, "", ("CK", "TC"), 1.0, 40, "adult", ""),
    ]),
    ("ONH", "Öron-, näs- och halskliniken", "KIR", "CLD", [
        ("ÖNH-mottagningen", "mottagning_kir", 130, "", ("AD", "DD"), 1.02, 50, "adult", ""),
        ("ÖNH-operation", "operation", 35, "", ("EMB10", "EMB20", "EM", "DM", "DH", "DJ", "DC"), 1.05, 75, "adult", ""),
        ("Hörselvården", "ssk_mottagning", 60, "", ("AD", "PB"), 1.0, 60, "adult", ""),
    ]),
    ("URO", "Urologiska kliniken", "KIR", "CLD", [
        ("Urologmottagningen", "mottagning_kir", 120, "", ("AK", "DK"), 1.03, 55, "adult", ""),
        ("Urologisk operation", "operation", 40, "", ("KED22", "KE", "KC", "KD", "UK", "TK"), 1.08, 85, "adult", ""),
        ("Urologmottagningen Höglandet", "mottagning_kir", 60, "HLE", ("AK", "DK"), 1.0, 45, "adult", ""),
    ]),
    ("KIK", "Kirurgiska kliniken", "KIR", "CLD", [
        ("Kirurgmottagningen", "mottagning_kir", 150, "", ("AJ", "DJ"), 1.0, 45, "adult", ""),
        ("Operationsenheten kirurgi", "operation", 60, "", ("JKA21", "JAB30", "JA", "JK", "JF", "JE", "JH"), 1.04, 70, "adult", ""),
        ("Endoskopienheten", "undersokning", 90, "", ("UJ", "XJ"), 1.06, 50, "adult", ""),
        ("Bröstmottagningen", "mottagning_kir", 60, "", ("AH", "DH"), 1.0, 20, "women", ""),
    ]),
    ("KIH", "Kirurgiska kliniken Höglandet", "KIR", "HLE", [
        ("Kirurgmottagningen Höglandet", "mottagning_kir", 90, "", ("AJ", "DJ"), 1.0, 40, "adult", ""),
        ("Dagkirurgiska enheten Höglandet", "operation", 40, "", ("JAB30", "JA", "QB", "JH", "TJ"), 1.0, 60, "adult", ""),
        ("Endoskopi Höglandet", "undersokning", 50, "", ("UJ",), 1.0, 40, "adult", ""),
    ]),
    ("KIV", "Kirurgiska kliniken Västerby", "KIR", "VSV", [
        ("Kirurgmottagningen Västerby", "mottagning_kir", 70, "", ("AJ", "DJ"), 1.0, 40, "adult", ""),
        ("Dagkirurgi Västerby", "operation", 30, "", ("JKA21", "JA", "JK", "QA"), 1.02, 65, "adult", ""),
    ]),
    ("HAN", "Handkirurgiska kliniken", "KIR", "CLD", [
        ("Handkirurgmottagningen", "mottagning_kir", 70, "", ("AN", "DN"), 1.02, 45, "adult", ""),
        ("Handkirurgisk operation", "operation", 30, "", ("ND", "NC", "TN", "AC"), 1.10, 90, "adult", ""),
    ]),
    ("PLA", "Plastikkirurgiska kliniken", "KIR", "CLD", [
        ("Plastikkirurgmottagningen", "mottagning_kir", 50, "", ("AQ", "DQ"), 1.0, 60, "adult", ""),
        ("Plastikkirurgisk operation", "operation", 20, "", ("QA", "QB", "QD", "HA"), 1.05, 110, "adult", ""),
    ]),
    ("KAK", "Käkkirurgiska kliniken", "KIR", "CLD", [
        ("Käkkirurgmottagningen", "mottagning_kir", 40, "", ("AE", "DE"), 1.0, 50, "adult", ""),
        ("Käkkirurgisk operation", "operation", 15, "", ("EB", "EC", "ED", "TE"), 1.0, 70, "adult", ""),
    ]),
    ("SMA", "Anestesi- och smärtkliniken", "KIR", "CLD", [
        ("Smärtmottagningen", "mottagning_med", 40, "", ("PB", "QB"), 1.08, 90, "adult", ""),
        ("Preoperativa mottagningen", "ssk_mottagning", 60, "", ("XS",), 1.0, 15, "adult", ""),
    ]),
    ("MED", "Medicinkliniken", "MED", "CLD", [
        ("Medicinmottagningen", "mottagning_med", 120, "", ("AR", "AJ", "DT"), 1.0, 40, "adult", ""),
        ("Diabetesmottagningen", "ssk_mottagning", 90, "", ("QE", "PE"), 1.0, 30, "adult", ""),
        ("Mag- och tarmmottagningen", "mottagning_med", 70, "", ("AJ", "DJ"), 1.05, 55, "adult", ""),
    ]),
    ("KAR", "Kardiologiska kliniken", "MED", "CLD", [
        ("Hjärtmottagningen", "mottagning_med", 110, "", ("AF", "DF"), 1.02, 45, "adult", "overcount"),
        ("Ekokardiografienheten", "undersokning", 60, "", ("AF",), 1.04, 35, "adult", ""),
        ("Hjärtsviktsmottagningen", "ssk_mottagning", 50, "", ("QD",), 1.0, 25, "adult", ""),
    ]),
    ("NJU", "Njurmedicinska kliniken", "MED", "CLD", [
        ("Njurmottagningen", "mottagning_med", 50, "", ("AK", "DK"), 1.0, 40, "adult", ""),
        ("Dialysenheten", "ssk_mottagning", 150, "", ("DR", "DK"), 1.0, 14, "adult", ""),
    ]),
    ("LUN", "Lungmedicinska kliniken", "MED", "CLD", [
        ("Lungmottagningen", "mottagning_med", 80, "", ("AG", "DG"), 1.02, 45, "adult", ""),
        ("Lungfysiologiska enheten", "undersokning", 50, "", ("PD", "AG"), 1.0, 30, "adult", ""),
    ]),
    ("NEU", "Neurologiska kliniken", "MED", "CLD", [
        ("Neurologmottagningen", "mottagning_med", 70, "", ("AA", "DA"), 1.07, 70, "adult", ""),
        ("MS-mottagningen", "ssk_mottagning", 30, "", ("DT", "QA"), 1.0, 30, "adult", ""),
    ]),
    ("INF", "Infektionskliniken", "MED", "CLD", [
        ("Infektionsmottagningen", "mottagning_med", 60, "", ("AV", "DT"), 1.0, 30, "adult", ""),
    ]),
    ("HUD", "Hudkliniken", "MED", "CLD", [
        ("Hudmottagningen", "mottagning_med", 110, "", ("AQ", "DQ"), 1.09, 75, "adult", "missing_weeks"),
        ("Ljusbehandlingsenheten", "ljusbehandling", 80, "", ("DQ",), 1.0, 20, "adult", ""),
        ("Hudkirurgiska enheten", "operation", 25, "", ("QA", "QB", "QC", "QD", "TQ"), 1.03, 60, "adult", ""),
    ]),
    ("REU", "Reumatologiska kliniken", "MED", "CLD", [
        ("Reumatologmottagningen", "mottagning_med", 60, "", ("AN", "DT"), 1.0, 45, "adult", ""),
    ]),
    ("GER", "Geriatriska kliniken", "MED", "CLD", [
        ("Minnesmottagningen", "mottagning_med", 35, "", ("AU", "PA"), 1.06, 80, "adult", ""),
    ]),
    ("MHL", "Medicinkliniken Höglandet", "MED", "HLE", [
        ("Medicinmottagningen Höglandet", "mottagning_med", 90, "", ("AR", "AJ"), 1.0, 40, "adult", ""),
        ("Akutmottagningen Höglandet", "akut", 150, "", ("AV", "DV"), 1.0, 1, "adult", ""),
        ("Hjärtmottagningen Höglandet", "mottagning_med", 40, "", ("AF", "DF"), 1.0, 40, "adult", ""),
    ]),
    ("MVS", "Medicinkliniken Västerby", "MED", "VSV", [
        ("Medicinmottagningen Västerby", "mottagning_med", 70, "", ("AR", "AJ"), 1.0, 40, "adult", ""),
        ("Akutmottagningen Västerby", "akut", 110, "", ("AV", "DV"), 1.0, 1, "adult", ""),
    ]),
    ("RHB", "Rehabiliteringsmedicinska kliniken", "MED", "CLD", [
        ("Rehabiliteringsmottagningen", "rehab", 60, "", ("QG", "PG", "QM"), 1.03, 55, "adult", ""),
    ]),
    ("KVK", "Kvinnokliniken", "KBP", "CLD", [
        ("Gynekologmottagningen", "gyn", 100, "", ("AL", "DL"), 1.03, 50, "women", ""),
        ("Gynekologisk operation", "operation", 35, "", ("LCD00", "LC", "LA", "LD", "LE", "UL"), 1.07, 80, "women", ""),
        ("Specialistmödravården", "barnmorska", 90, "", ("AM", "DM"), 1.0, 14, "women", ""),
        ("Kvinnomottagningen Höglandet", "gyn", 60, "HLE", ("AL", "DL"), 1.0, 45, "women", ""),
        ("Kvinnomottagningen Västerby", "barnmorska", 50, "VSV", ("AM", "DM"), 1.0, 14, "women", ""),
    ]),
    ("BUK", "Barn- och ungdomskliniken", "KBP", "CLD", [
        ("Barn- och ungdomsmottagningen", "mottagning_med", 110, "", ("AV", "DT", "AJ"), 1.0, 40, "child", ""),
        ("Barndiabetesmottagningen", "ssk_mottagning", 40, "", ("QE", "PE"), 1.0, 20, "child", ""),
        ("Barnmottagningen Höglandet", "mottagning_med", 50, "HLE", ("AV", "DT"), 1.0, 35, "child", ""),
    ]),
    ("BUP", "Barn- och ungdomspsykiatriska kliniken", "KBP", "CLD", [
        ("BUP-mottagningen Demostad", "psykiatri", 90, "", ("AU", "DU", "PA"), 1.15, 90, "child", ""),
        ("BUP-mottagningen Västerby", "psykiatri", 50, "VSV", ("AU", "DU"), 1.10, 80, "child", "mapping"),
        ("Neuropsykiatriska utredningsteamet", "psykiatri", 30, "", ("PA", "AU"), 1.18, 150, "child", ""),
    ]),
    ("VUP", "Vuxenpsykiatriska kliniken", "KBP", "CLD", [
        ("Allmänpsykiatriska mottagningen", "psykiatri", 130, "", ("AU", "DU"), 1.04, 50, "adult", ""),
        ("Psykosmottagningen", "psykiatri", 60, "", ("DU", "XU"), 1.0, 20, "adult", ""),
        ("Ätstörningsenheten", "psykiatri", 25, "", ("DU", "QE"), 1.06, 60, "adult", ""),
        ("Allmänpsykiatriska mottagningen Höglandet", "psykiatri", 70, "HLE", ("AU", "DU"), 1.02, 45, "adult", ""),
    ]),
    ("BER", "Beroendekliniken", "KBP", "CLD", [
        ("Beroendemottagningen", "psykiatri", 50, "", ("DU", "AU"), 1.0, 20, "adult", ""),
    ]),
    ("HAB", "Habiliteringscentrum", "KBP", "CLD", [
        ("Barn- och ungdomshabiliteringen", "rehab", 40, "", ("QG", "PJ"), 1.05, 70, "child", ""),
        ("Vuxenhabiliteringen", "rehab", 30, "", ("QG", "PK"), 1.0, 50, "adult", ""),
    ]),
]

# Approximate inhabitants per county (SCB, end of 2023), the base the
# population file grows from.
POPULATION = {
    "01": 2_454_000, "03": 404_000, "04": 301_000, "05": 470_000, "06": 368_000,
    "07": 204_000, "08": 246_000, "09": 61_000, "10": 157_000, "12": 1_414_000,
    "13": 343_000, "14": 1_757_000, "17": 283_000, "18": 306_000, "19": 280_000,
    "20": 288_000, "21": 287_000, "22": 244_000, "23": 132_000, "24": 275_000,
    "25": 249_000,
}
