"""Extract files of the cases the demo's generator never writes, for the oracle's run on the demo
region: written with the demo's own codes (read from its database) into a year the demo covers,
then imported by the real importer over the demo, so that platform and oracle must both get
them right.

- operations: one running past midnight (into the next day's opening hours), times with
  seconds and a ``T``; struck at 17:00 the day before (late), at 16:59:59 (not late), on the
  day (late, with a cause and without) and without a time; a performed one on a Saturday (no opening hours); an
  existing operation changed and another MAKULERAD;
- sessions: a room-day replaced by an unstaffed one, ``bemannad`` left empty (staffed);
- episodes across both changes of summer time, admitted at a local time the change skips
  or repeats, one still admitted, an existing one MAKULERAD;
  a bed measurement replaced by a file without the optional columns;
- KPP: a unit's year replaced by a file with a lower-case DRG, a decimal comma, an empty
  outlier flag, an inpatient row without DRG;
- purchased care: performed without an invoice (the agreement's price), sent and not yet
  performed (no cost), performed with a decimal comma.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path


def _one(cursor, sql: str, params=()):
    cursor.execute(sql, params)
    return cursor.fetchone()


def _last_sunday(year: int, month: int) -> date:
    day = date(year, month + 1, 1) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def write_edge_extracts(folder: Path, connection, *, year: int, day: date) -> list[Path]:
    """The files, named for extract date ``day`` (after the demo's), about ``year``."""
    with connection.cursor() as c:
        room, cosmic_room, orbit_room = _one(
            c,
            "SELECT r.id, a.code, b.code FROM theatre_room r "
            "JOIN theatre_roomsourcecode a ON a.room_id = r.id AND a.source = 'cosmic' "
            "JOIN theatre_roomsourcecode b ON b.room_id = r.id AND b.source = 'orbit' "
            "WHERE EXISTS (SELECT 1 FROM theatre_operation o WHERE o.room_id = r.id) "
            "ORDER BY r.id",
        )
        op_id, op_day, surgeon = _one(
            c,
            "SELECT o.operation_id, o.date, s.code FROM theatre_operation o "
            "JOIN organisation_unitsourcecode s ON s.unit_id = o.unit_id AND s.source = 'cosmic' "
            "WHERE o.room_id = %s AND o.status = 'GENOMFORD' ORDER BY o.id",
            [room],
        )
        (other_op,) = _one(
            c, "SELECT operation_id FROM theatre_operation WHERE operation_id <> %s", [op_id]
        )
        (ward,) = _one(
            c,
            "SELECT s.code FROM inpatient_ward w JOIN organisation_unitsourcecode s "
            "ON s.unit_id = w.unit_id AND s.source = 'cosmic' ORDER BY w.unit_id",
        )
        episode, admitted, left = _one(
            c,
            "SELECT e.episode_id, e.admitted_at, e.discharged_at FROM inpatient_episode e "
            "JOIN organisation_unitsourcecode s ON s.unit_id = e.unit_id AND s.code = %s "
            "WHERE e.discharged_at IS NOT NULL ORDER BY e.id",
            [ward],
        )
        (kpp_unit,) = _one(
            c,
            "SELECT code FROM organisation_unitsourcecode WHERE source = 'kpp' ORDER BY code DESC",
        )
        agreement, provider = _one(
            c,
            "SELECT a.code, p.code FROM purchasing_agreement a JOIN purchasing_provider p "
            "ON p.id = a.provider_id WHERE a.start <= %s AND a.end >= %s ORDER BY a.id",
            [date(year, 6, 15), date(year, 6, 17)],
        )
    thursday = date(year, 3, 10) + timedelta(days=(3 - date(year, 3, 10).weekday()) % 7)
    friday, saturday = thursday + timedelta(days=1), thursday + timedelta(days=2)
    spring, autumn = _last_sunday(year, 3), _last_sunday(year, 10)
    stamp = day.strftime("%Y%m%d")
    files = {
        f"salstider_orbit_{stamp}_kant.csv": [
            "datum;sal_kod;start;slut;enhet_kod;bemannad",
            f"{thursday};{orbit_room};07:30;16:00;;J",
            f"{friday};{orbit_room};07:30;13:30;;",
            f"{saturday};{orbit_room};08:00;12:00;;J",
        ],
        f"operationer_cosmic_{stamp}_kant.csv": [
            "operation_id;sal_kod;enhet_kod;op_datum;patient_in;op_start;op_slut;patient_ut;"
            "status;struken_tid;struken_orsak",
            f"KANT-OP1;{cosmic_room};{surgeon};{thursday};{thursday}T16:00:30;{thursday} 16:20;"
            f"{friday} 06:00;{friday} 07:45:00;GENOMFORD;;",
            f"KANT-OP2;{cosmic_room};{surgeon};{friday};;;;;STRUKEN;{thursday} 17:00;PAT",
            f"KANT-OP3;{cosmic_room};{surgeon};{friday};;;;;STRUKEN;{thursday} 16:59:59;RES",
            f"KANT-OP4;{cosmic_room};{surgeon};{friday};;;;;STRUKEN;{friday} 06:00;MED",
            f"KANT-OP5;{cosmic_room};{surgeon};{friday};;;;;STRUKEN;;",
            f"KANT-OP7;{cosmic_room};{surgeon};{friday};;;;;STRUKEN;{friday} 07:00;",
            f"KANT-OP6;{cosmic_room};{surgeon};{saturday};{saturday} 08:00;{saturday} 08:10;"
            f"{saturday} 09:00;{saturday} 09:10;GENOMFORD;;",
            f"{op_id};{cosmic_room};{surgeon};{op_day};{op_day} 09:55;{op_day} 10:12;"
            f"{op_day} 15:54;{op_day} 17:35;GENOMFORD;;",
            f"{other_op};{cosmic_room};{surgeon};{op_day};;;;;MAKULERAD;;",
        ],
        f"vardtillfallen_cosmic_{stamp}_kant.csv": [
            "vardtillfalle_id;enhet_kod;inskrivning;utskrivning;akut;drg_kod;status",
            f"KANT-VT1;{ward};{spring - timedelta(days=1)} 12:00;{spring + timedelta(days=1)} 12:00;N;;GENOMFORD",
            f"KANT-VT2;{ward};{autumn - timedelta(days=1)} 12:00;{autumn + timedelta(days=1)} 12:00;N;;GENOMFORD",
            f"KANT-VT3;{ward};{date(year, 4, 30)} 23:30;;J;;GENOMFORD",
            # 02:30 is skipped in spring and comes twice in autumn.
            f"KANT-VT4;{ward};{spring} 02:30;{spring} 12:00;J;;GENOMFORD",
            f"KANT-VT5;{ward};{autumn} 02:30;{autumn} 12:00;J;;GENOMFORD",
            f"{episode};{ward};{admitted:%Y-%m-%d %H:%M};{left:%Y-%m-%d %H:%M};J;;MAKULERAD",
        ],
        f"vardplatser_cosmic_{stamp}_kant.csv": [
            "datum;enhet_kod;disponibla;belagda;overbelaggningar",
            f"{friday};{ward};22;25;3",
        ],
        f"kpp_kpp_{stamp}_kant.csv": [
            "ar;kontakt_id;vardform;enhet_kod;drg_kod;kostnad;ytterfall",
            f"{year};KANT-K1;OPPEN;{kpp_unit};903o;1751,50;",
            f"{year};KANT-V1;SLUTEN;{kpp_unit};;90000;J",
        ],
        f"kopt_vard_cosmic_{stamp}_kant.csv": [
            "uppdrag_id;enhet_kod;vardgivare_kod;avtal_kod;personnummer;fas;kva_kod;"
            "skickad_datum;utford_datum;kostnad;status",
            f"KANT-U1;{surgeon};{provider};{agreement};;2;;{year}-06-15;{year}-07-01;;UTFORD",
            f"KANT-U2;{surgeon};{provider};{agreement};;2;;{year}-06-16;;;SKICKAD",
            f"KANT-U3;{surgeon};{provider};{agreement};;2;;{year}-06-17;{year}-06-30;12345,5;UTFORD",
        ],
    }
    paths = []
    for name, lines in files.items():
        path = Path(folder) / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths
