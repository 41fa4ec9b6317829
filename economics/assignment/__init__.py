"""Production assignments (produktionsuppdrag): the volumes, DRG points and money the region
orders from a clinic for a year, in versions approved like a plan, and their follow-up."""
