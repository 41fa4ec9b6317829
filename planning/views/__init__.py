"""The planning pages: landing, plan, grid, history, Excel and the schedule clock."""

from .clock import schedule_clock
from .compare import compare_versions
from .excel import excel_export, excel_import
from .grid import grid
from .history import cell_history, plan_history
from .plans import index, plan_create, plan_detail, status_action

__all__ = [
    "cell_history",
    "compare_versions",
    "excel_export",
    "excel_import",
    "grid",
    "index",
    "plan_create",
    "plan_detail",
    "plan_history",
    "schedule_clock",
    "status_action",
]
