"""Contract columns several kinds share."""

from imports.kinds import Column

FAS = Column("fas", "int", required=True, low=1, high=5)
FAS_WAIT = Column("fas", "int", required=True, low=1, high=4)
PRIORITY = Column("prioritet", "int", low=1, high=4)
UNIT = Column("enhet_kod", "code", required=True, max_length=50)
PROFESSION = Column("yrkeskategori", "enum", enum="yrkeskategori")
CONTACT_TYPE = Column("kontakttyp", "enum", required=True, enum="kontakttyp")
DEVIATION = Column("avvikelse", "enum", enum="avvikelse")
