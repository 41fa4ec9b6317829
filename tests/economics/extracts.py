"""The economics tests' extract headers and a helper for files of a few lines."""

DRG_HEADER = "ar;drg_kod;vardform;vikt;benamning"
KPP_HEADER = "ar;kontakt_id;vardform;enhet_kod;drg_kod;kostnad;ytterfall"
CONTACT_HEADER = "kontakt_id;kontakt_datum;enhet_kod;fas;kontakttyp;yrkeskategori;status"
EPISODE_HEADER = (
    "vardtillfalle_id;enhet_kod;personnummer;inskrivning;utskrivning;akut;drg_kod;status"
)


def lines(header: str, *rows: str) -> str:
    return "\n".join((header, *rows)) + "\n"
