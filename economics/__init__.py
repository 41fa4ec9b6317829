"""Economics: DRG weights and KPP costs, and the DRG figures drawn from them."""
